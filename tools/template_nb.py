"""The Norwegian (bokmål) DPA template's wording: "Databehandleravtale", clauses 1-20 and bilag A-D."""

from __future__ import annotations

from template_blocks import (
    END,
    PARTY_WIDTHS,
    PROCESSING_WIDTHS,
    SIGNATURE_WIDTHS,
    SUBPROCESSOR_WIDTHS,
    TRANSFER_WIDTHS,
    annex,
    bullets,
    each,
    h1,
    h2,
    p,
    party_rows,
    subtitle,
    table,
    title,
    unless,
    when,
)

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
            *party_rows(("Navn", "Org.nr.", "Adresse", "Land", "E-post for personvern", "Personvernombud (e-post)")),
            ("Kontaktperson", "{{controller.contact}}", "{{processor.contact}}"),
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
        unless("scc_transfers"),
        p("1.4 I spørsmål om personvern går denne avtalen foran tjenesteavtalen og andre avtaler mellom partene."),
        END,
        when("scc_transfers"),
        p(
            "1.4 I spørsmål om personvern går denne avtalen foran tjenesteavtalen og andre avtaler mellom partene. "
            "Standardavtalevilkår (EUs standardavtalevilkår for overføring, beslutning (EU) 2021/914) som gjelder "
            "etter punkt 9.5, går likevel foran denne avtalen ved motstrid (klausul 5 i standardavtalevilkårene)."
        ),
        END,
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
        p(
            "8.7 Oppfyller en underdatabehandler ikke pliktene sine etter avtalen med databehandleren, sier "
            "databehandleren fra til den behandlingsansvarlige uten ugrunnet opphold."
        ),
        p(
            "8.8 Databehandleren tar inn i avtalen med hver underdatabehandler at den behandlingsansvarlige kan si "
            "opp den avtalen og kreve personopplysningene slettet eller levert tilbake, dersom databehandleren "
            "faktisk har forsvunnet, har opphørt å eksistere rettslig eller er blitt insolvent. Den "
            "behandlingsansvarlige kan håndheve dette vilkåret direkte overfor underdatabehandleren."
        ),
        h1("9 Overføring til tredjestater og internasjonale organisasjoner"),
        p(
            "9.1 Databehandleren overfører personopplysninger til en stat utenfor EØS eller til en internasjonal "
            "organisasjon, eller gir tilgang til dem fra utenfor EØS (også for brukerstøtte), bare etter "
            "dokumentert instruks fra den behandlingsansvarlige og med et gyldig overføringsgrunnlag etter "
            "personvernforordningen kapittel V: en beslutning om tilstrekkelig beskyttelsesnivå (artikkel 45), "
            "nødvendige garantier som standardavtalevilkår (EUs standardavtalevilkår for overføring, beslutning (EU) "
            "2021/914) eller bindende virksomhetsregler (artikkel 46 og 47), eller, bare for enkeltstående "
            "overføringer, et unntak etter artikkel 49."
        ),
        when("transfers"),
        p("9.2 Overføringene den behandlingsansvarlige har instruert om, står i bilag B punkt B.3."),
        END,
        when("adequacy_transfers"),
        p(
            "Disse overføringene bygger på en beslutning om tilstrekkelig beskyttelsesnivå (personvernforordningen "
            "artikkel 45) og kan skje så lenge beslutningen gjelder og dataimportøren er omfattet av den:"
        ),
        *bullets("{{adequacy_transfers}}"),
        END,
        when("dpf_transfers"),
        p(
            "Disse overføringene bygger på EU–US Data Privacy Framework (beslutning (EU) 2023/1795, en beslutning om "
            "tilstrekkelig beskyttelsesnivå for sertifiserte virksomheter i USA). Dataimportørens sertifisering må "
            "være gjeldende så lenge overføringen pågår; databehandleren kontrollerer den minst én gang i året, og "
            "bortfaller den, gjelder punkt 9.4:"
        ),
        *bullets("{{dpf_transfers}}"),
        END,
        unless("transfers"),
        p(
            "9.2 Ingen overføring av personopplysninger ut av EØS er avtalt ved signering. En senere overføring "
            "krever skriftlig instruks fra den behandlingsansvarlige (for en ny underdatabehandler: tillatelse etter "
            "punkt 8) og tas inn i bilag B."
        ),
        END,
        p(
            "9.3 Ved overføring på grunnlag av standardavtalevilkår (EUs standardavtalevilkår for overføring, "
            "beslutning (EU) 2021/914) eller bindende virksomhetsregler gjennomfører dataeksportøren en vurdering av "
            "overføringen (TIA) etter klausul 14 i standardavtalevilkårene, og dataimportøren bistår med "
            "opplysningene den har om lovgivning og praksis i mottakerstaten (klausul 14 bokstav c). Er den "
            "behandlingsansvarlige dataeksportør, gir databehandleren denne bistanden. Er databehandleren eller en "
            "underdatabehandler dataeksportør, sørger databehandleren for at vurderingen er gjort og at de "
            "supplerende tiltakene den krever, er på plass, og den behandlingsansvarlige får vurderingen på "
            "forespørsel. Bindes en underdatabehandler i en tredjestat av standardavtalevilkårene, brukes modul 3 "
            "(databehandler til databehandler)."
        ),
        p(
            "9.4 Slutter et overføringsgrunnlag å gjelde, eller kan det ikke overholdes, varsler databehandleren den "
            "behandlingsansvarlige uten ugrunnet opphold og stanser overføringen til et gyldig grunnlag er på plass "
            "eller opplysningene behandles i EØS."
        ),
        when("scc_transfers"),
        p(
            "9.5 For overføringene i bilag B punkt B.4 gjelder standardavtalevilkårene i den modulen som står der. "
            "Der den behandlingsansvarlige er dataeksportør og databehandleren dataimportør, er "
            "standardavtalevilkårene innlemmet i denne avtalen ved henvisning, utfylt med opplysningene i bilag B "
            "punkt B.4, og partenes signatur på denne avtalen gjelder også dem. Der databehandleren eller en "
            "underdatabehandler er dataeksportør, sørger databehandleren for at standardavtalevilkårene er inngått "
            "med dataimportøren med de samme opplysningene. Ved motstrid går standardavtalevilkårene foran denne "
            "avtalen (klausul 5 i standardavtalevilkårene)."
        ),
        END,
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
        p(
            "11.3 Blir databehandleren klar over at personopplysninger den behandler for den behandlingsansvarlige, "
            "er uriktige eller ikke lenger er oppdaterte, sier den fra til den behandlingsansvarlige uten ugrunnet "
            "opphold."
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
            "behandlingsansvarlige eller av en uavhengig revisor den behandlingsansvarlige gir oppdraget. Den "
            "behandlingsansvarlige varsler skriftlig med rimelig frist og oppgir omfanget; fristen kan være kort, "
            "eller varsel kan sløyfes, etter et brudd på personopplysningssikkerheten, ved konkrete tegn på "
            "avtalebrudd eller når en tilsynsmyndighet krever det. Revisjonen skal ikke forstyrre driften mer enn "
            "nødvendig og skal verne andre kunders opplysninger."
        ),
        p(
            "14.3 Databehandleren kan bare motsette seg revisoren den behandlingsansvarlige har valgt, av rimelige "
            "grunner, som at revisoren ikke er bundet av taushetsplikt eller er en direkte konkurrent av "
            "databehandleren. Den behandlingsansvarlige velger da en annen revisor. Innsigelsen må komme skriftlig og "
            "begrunnet, og kan ikke brukes til å hindre eller utsette revisjonen urimelig."
        ),
        p(
            "14.4 Den behandlingsansvarlige kan godta en gjeldende sertifisering eller uavhengig rapport, som ISO/IEC "
            "27001 med anvendelseserklæring eller en ISAE 3000- eller ISAE 3402-rapport for en periode som endte for "
            "høyst tolv måneder siden, i stedet for eller som del av en revisjon, når den dekker behandlingen og er "
            "tilstrekkelig til å påvise etterlevelse."
        ),
        p(
            "14.5 Kostnadene ved en revisjon fordeles slik partene avtaler i tjenesteavtalen eller skriftlig før "
            "revisjonen; er ikke annet avtalt, dekker hver part sine egne. Avdekker revisjonen et vesentlig brudd på "
            "avtalen eller personvernregelverket, dekker databehandleren likevel sine egne kostnader og de rimelige "
            "kostnadene til revisoren, og retter avvikene uten ugrunnet opphold og for egen regning."
        ),
        p(
            "14.6 Partene gjør informasjonen etter dette punktet, også resultatene av revisjoner, tilgjengelig for "
            "Datatilsynet eller en annen kompetent tilsynsmyndighet når myndigheten ber om det."
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
            "17.2 Kan databehandleren ikke overholde avtalen, skal den behandlingsansvarlige varsles uten ugrunnet "
            "opphold. Den behandlingsansvarlige kan da, og ved ethvert brudd på avtalen eller personvernregelverket, "
            "instruere databehandleren om å stanse behandlingen til forholdet er rettet. Ved vesentlige eller "
            "gjentatte brudd, eller når databehandleren ikke følger en bindende avgjørelse fra en domstol eller "
            "Datatilsynet, kan den behandlingsansvarlige si opp avtalen og de delene av tjenesteavtalen som "
            "forutsetter behandlingen, med umiddelbar virkning ved skriftlig melding."
        ),
        p(
            "17.3 Er behandlingen stanset etter punkt 17.2 og databehandleren ikke igjen overholder avtalen innen "
            "rimelig tid, og senest én måned etter stansen, kan den behandlingsansvarlige si opp avtalen og de delene "
            "av tjenesteavtalen som forutsetter behandlingen, med umiddelbar virkning ved skriftlig melding."
        ),
        p(
            "17.4 Databehandleren kan si opp avtalen og de delene av tjenesteavtalen som forutsetter behandlingen, "
            "ved skriftlig melding, dersom den har sagt fra etter punkt 5.1 om at en instruks er i strid med "
            "personvernregelverket, og den behandlingsansvarlige likevel krever at instruksen følges."
        ),
        p("17.5 Pliktene om taushet, sletting og tilbakelevering og ansvar gjelder også etter opphør."),
        h1("18 Endringer"),
        p(
            "18.1 Endringer i avtalen og bilagene må avtales skriftlig og signeres av begge parter, elektronisk "
            "eller på papir."
        ),
        p(
            "18.2 Hver versjon har nummer og dato. Bilag D viser denne versjonen og hvilken signert avtale den "
            "erstatter. En ny versjon erstatter den forrige når begge parter har signert. Instrukser (punkt 4) og endringer av underdatabehandlere (punkt 8) får virkning uten "
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
        when("bilingual"),
        p(
            "19.3 Avtalen er inngått på norsk og engelsk. Er det forskjeller mellom de to språkversjonene, går den "
            "norske versjonen foran."
        ),
        END,
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
            *party_rows(("Navn", "Org.nr.", "Adresse", "Land", "E-post for personvern", "Personvernombud (e-post)")),
            ("Kontaktperson", "{{controller.contact}}", "{{processor.contact}}"),
            widths=PARTY_WIDTHS,
        ),
        h2("A.2 Behandlingene"),
        p(
            "Hver tabell beskriver én behandling databehandleren utfører på vegne av den behandlingsansvarlige. "
            "Behandlingens gjenstand er personopplysningene som er beskrevet i tabellene (punkt 2.2). "
            "Databehandleren behandler selv personopplysningene i: {{processor.locations}}."
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
            ("Behandlingens art", "{{processing.nature}}"),
            ("Typer personopplysninger", "{{processing.data}}"),
            ("Særlige kategorier (art. 9 og 10)", "{{processing.special}}"),
            ("Kategorier av registrerte", "{{processing.subjects}}"),
            ("Lagringstid", "{{processing.retention}}"),
            ("Behandlingsgrunnlag (den behandlingsansvarliges)", "{{processing.basis}}"),
            ("Varighet", "{{processing.duration}}"),
            widths=PROCESSING_WIDTHS,
            header=False,
            together=True,
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
            (
                "Navn og adresse",
                "Org.nr.",
                "Tjeneste",
                "Behandlings\u00adsted",
                "Overførings\u00adgrunnlag",
                "Engasjert av",
            ),
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
        when("scc_transfers"),
        h2("B.4 Standardavtalevilkår: opplysninger til vedleggene"),
        p(
            "Opplysningene nedenfor fyller ut vedlegg I til standardavtalevilkårene (EUs standardavtalevilkår for "
            "overføring, beslutning (EU) 2021/914) for hver overføring som bygger på dem (punkt 9.5)."
        ),
        each("scc_transfers"),
        table(
            ("Dataeksportør (rolle)", "{{scc_transfers.exporter}}"),
            ("Dataimportør (rolle)", "{{scc_transfers.importer}}"),
            ("Mottakerstat", "{{scc_transfers.country}}"),
            ("Modul", "{{scc_transfers.module}}"),
            ("Kompetent tilsynsmyndighet (klausul 13)", "{{scc_transfers.authority}}"),
            ("Lovvalg (klausul 17)", "{{scc_transfers.law}}"),
            ("Verneting (klausul 18)", "{{scc_transfers.courts}}"),
            widths=PROCESSING_WIDTHS,
            header=False,
        ),
        END,
        p("For alle overføringene gjelder:"),
        *bullets(
            "Beskrivelse av overføringen (vedlegg I.B): kategoriene av registrerte og typene personopplysninger, "
            "formålet, behandlingens art og lagringstiden står i bilag A; overføringen skjer løpende så lenge "
            "tjenestene leveres.",
            "Tekniske og organisatoriske tiltak (vedlegg II): bilag C punkt C.2.",
            "Underdatabehandlere (vedlegg III): bilag B punkt B.2.",
            "Vurdering av overføringen (klausul 14): dataeksportøren gjennomfører den, med bistand fra "
            "dataimportøren (punkt 9.3).",
        ),
        when("general_authorisation"),
        *bullets(
            "Underdatabehandlere (klausul 9 bokstav a): alternativ 2, generell skriftlig forhåndstillatelse, med "
            "varsel minst {{notice_days}} dager i forveien som i punkt 8."
        ),
        END,
        when("specific_authorisation"),
        *bullets(
            "Underdatabehandlere (klausul 9 bokstav a): alternativ 1, særskilt forhåndstillatelse, med anmodning "
            "minst {{notice_days}} dager i forveien som i punkt 8."
        ),
        END,
        *bullets(
            "Klausul 7 (tiltredelse) og det valgfrie tillegget i klausul 11 bokstav a (uavhengig tvisteløsning) er "
            "ikke valgt."
        ),
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
        p("Databehandleren gjennomfører minst disse tiltakene (punkt 7):"),
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
        when("measures"),
        p("I tillegg har databehandleren gjennomført disse tiltakene for behandlingen:"),
        *bullets("{{measures}}"),
        END,
        p("Tiltak for å bistå den behandlingsansvarlige (punkt 10 til 12):"),
        *bullets(
            "Henvendelser fra registrerte: en henvendelse databehandleren mottar, sendes til den "
            "behandlingsansvarliges kontaktadresse for personvern senest neste virkedag. Databehandleren kan finne, "
            "eksportere i maskinlesbart format, rette, begrense og slette opplysningene om en enkelt registrert, og "
            "gjør det innen fem virkedager etter instruks, eller raskere når den behandlingsansvarliges frist krever "
            "det.",
            "Brudd på personopplysningssikkerheten: overvåking og varsling døgnet rundt, et fast kontaktpunkt for "
            "sikkerhetshendelser og en fast mal for varselet etter punkt 12.2, slik at den behandlingsansvarlige "
            "varsles innen {{breach_hours}} timer. Hendelser, vurderinger og tiltak loggføres og gis den "
            "behandlingsansvarlige til bruk i egen dokumentasjon (artikkel 33 nr. 5).",
            "Konsekvensvurderinger og forhåndsdrøftinger: databehandleren gir innen ti virkedager etter forespørsel "
            "en beskrivelse av behandlingen, systemene, dataflyten, underdatabehandlerne, risikovurderingen og "
            "tiltakene, og svarer på spørsmål fra den behandlingsansvarlige eller Datatilsynet om dem.",
            "Uriktige eller utdaterte opplysninger: feil databehandleren oppdager i opplysningene, meldes til den "
            "behandlingsansvarlige (punkt 11.3), og rettes bare etter instruks.",
        ),
        h2("C.3 Behandlingssted"),
        when("processor_in_eea"),
        p(
            "Databehandleren behandler personopplysningene i EØS ({{processor_locations}}). Godkjente "
            "underdatabehandlere behandler dem på stedene som står i bilag B punkt B.2, og overføringer ut av EØS "
            "står i bilag B punkt B.3. Annen behandling eller tilgang utenfor EØS krever skriftlig instruks fra den "
            "behandlingsansvarlige (punkt 9)."
        ),
        END,
        unless("processor_in_eea"),
        p(
            "Databehandlerens behandlingssted: {{processor_locations}}. Behandling utenfor EØS skjer bare med "
            "overføringsgrunnlaget i bilag B punkt B.3. Godkjente underdatabehandlere behandler personopplysningene "
            "på stedene som står i bilag B punkt B.2. Annen behandling eller tilgang utenfor EØS krever skriftlig "
            "instruks fra den behandlingsansvarlige (punkt 9)."
        ),
        END,
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
            "Den behandlingsansvarlige kan revidere med rimelige mellomrom, som regel én gang i året, og i tillegg "
            "når det er tegn på at avtalen ikke overholdes, etter et brudd på personopplysningssikkerheten eller når "
            "en tilsynsmyndighet krever det. Varselet inneholder en revisjonsplan med omfang, metode, tidspunkt og revisor.",
            "Databehandleren gjør relevant dokumentasjon tilgjengelig, som sikkerhetspolicyer, risikovurderinger, "
            "protokollen etter punkt 15.1, relevante logger, sertifiserings- og revisjonsrapporter og sammendrag av "
            "penetrasjonstester. Inspeksjon på stedet følger databehandlerens sikkerhetsregler.",
            "Databehandleren kan kommentere utkastet til revisjonsrapport, og lager en plan med frister for å rette "
            "avvik som er funnet. Den reviderer eller innhenter rapporter om underdatabehandlerne og deler resultatene "
            "på forespørsel.",
        ),
        # -- Bilag D -------------------------------------------------------------------------------------------
        *annex("Bilag D Endringer i avtalen"),
        p("Denne avtalen er versjon {{version}}, datert {{date}}. Den gjelder når begge parter har signert den."),
        when("replaced_version"),
        p(
            "Den erstatter databehandleravtalen mellom partene versjon {{replaced_version}}, signert "
            "{{replaced_date}}, fra det tidspunktet. Til da gjelder den tidligere avtalen (punkt 18)."
        ),
        END,
        unless("replaced_version"),
        p("Den erstatter ingen tidligere signert databehandleravtale mellom partene."),
        END,
    ]
