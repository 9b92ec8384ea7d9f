"""The Norwegian (bokmål) DPA template's wording: "Databehandleravtale", clauses 1-20 and bilag A-D."""

from __future__ import annotations

from template_blocks import (
    END,
    PARTY_WIDTHS,
    PROCESSING_WIDTHS,
    SIGNATURE_WIDTHS,
    SUBPROCESSOR_WIDTHS,
    TRANSFER_WIDTHS,
    VERSION_WIDTHS,
    Note,
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
            *party_rows(
                ("Navn", "Org.nr.", "Adresse", "Land", "Kontaktadresse for personvern", "Personvernombud (e-post)")
            ),
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
            "Databehandleren behandler personopplysningene i landene som står i bilag A punkt A.2, og godkjente "
            "underdatabehandlere på stedene som står i bilag B punkt B.2; overføringer ut av EØS står i punkt B.3. "
            "Behandling eller tilgang andre steder krever "
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
