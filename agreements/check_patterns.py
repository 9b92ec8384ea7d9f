"""The vocabulary of the Art. 28 checker, first half: shared concepts, what never counts, and the preamble items.

Groups are written as alternatives separated by " | " or line breaks, in lower case; `~{0,3}` stands for "up to
three words" (see check_match). Rules list their groups rarest first: a sentence is dropped at the first group
it lacks.
"""

from __future__ import annotations

from agreements.check_match import Vocabulary, rule, rx

# ---- Shared groups ---------------------------------------------------------------------------------------------

CONTROLLER = rx(r"\bcontroller\w* | \bcustomer\w* | \bclient\b | behandlingsansvarl[ei]g\w* | \bkunden?s?\b")
# Processing, not the processor: "Processor" and "databehandleren" say nothing of what the data are used for.
PROCESSING = rx(r"""
    \bprocess(?:ing|ed|es|e)?\b | \bbehandl\w* | databehandling\w* | \bhandsam\w* | personal (?:data|information)
    (?:person)?opplysning\w*
""")
INSTRUCTION = rx(r"\binstruct\w* | \binstruks\w* | \binstruksjon\w* | \bdirect(?:s|ed|ions?)\b")
SUBPROCESSOR = rx(r"""
    \bsub-?\s?processor\w* | \bsub-?\s?processing\b | \bsub-?\s?contractor\w* | \bsubcontract\w*
    under-?(?:data)?behandl(?:er|ar)\w* | under-?datahandsamar\w* | underleverand\w*
    \b(?:another|other|further|additional|third[- ]party) processors?\b | \b(?:andre|annen|ny|nye) databehandler\w*
""")
ASSIST = rx(
    r"\bassist\w* | \bhelp\w* | \bsupport\w* | \bco-?operat\w* | bistå\w* | bistand\w* | hjelp\w* | samarbeid\w*"
)
BREACH_WORDS = rx(r"""
    \bbreach\w* | \bincident\w* | \bbrudd\b | \bbrot\b | personvernbrudd\w* | sikkerhetsbrudd\w* | \bavvik\w*
    hendelse\w* | \bdatabrudd\w*
""")
# People who handle the data: the second half of "(b) persons authorised to process ... are bound by confidentiality".
PEOPLE = rx(r"""
    \bemployees?\b | \bstaff\b | \bpersonnel\b | \bpersons?\b | \bpeople\b | \bindividuals?\b | \banyone\b | \beveryone\b
    \bworkers?\b | \brepresentatives?\b | \bagents?\b | \bcontractors?\b | \bconsultants?\b | \bautori[sz]\w*
    \bwith access\b | \bansatte\b | \btilsette\b | medarbeider\w* | \bpersonell\w* | \bpersoner\b | \binnleide\b
    \b(?:de|alle|dem|den|dei|enhver) som\b | konsulent\w* | representant\w* | \bengasjerte\b | \btilgang\b
""")
# Categories of people whose data is processed ("employees, customers"): what a description of data subjects lists.
PEOPLE_CATEGORY = (
    r"\b(?:employees?|staff|customers?|clients?|end[- ]users?|users?|patients?|pupils?|students?|applicants?|candidates?"
    r"|members?|visitors?|contact persons?|consultants?|suppliers?|citizens?|residents?|guests?|subscribers?|tenants?"
    r"|children|parents|next of kin|ansatte|tilsette|kunder|kundar|brukere|brukarar|sluttbrukere|pasienter|pasientar"
    r"|elever|studenter|søkere|medlemmer|besøkende|kontaktpersoner|innbyggere|innbyggjarar|leietakere|beboere|gjester"
    r"|abonnenter|innleide|konsulenter|personell|frivillige|foresatte|pårørende|leverandører|arbeidssøkere|jobbsøkere"
    r"|teachers?|lærere|lærarar|barn|foreldre|kursdeltakere|participants?|deltakere|borgere|newsletter subscribers?)\b"
)

# ---- What never counts -----------------------------------------------------------------------------------------

# A definition names a concept without making anyone do it ("'Personal data breach' means ...").
DEFINITION = rx(r"""
    \b(?:shall )?means?\s+(?:any|the|a|an|all)\b | \bha(?:s|ve) the (?:same )?meaning | \bdefined (?:in|as)\b
    \bbetyr\b | \bhar (?:samme|den) betydning | \bskal forstås\b | \bmenes\b
    ^\W*(?:\d+(?:\.\d+)*\.?\s+)?[«"“'‘][^»"”'’]{1,40}[»"”'’]\s*(?:\([^)]*\)\s*)?(?:er|is|means|:)\s
""")
# A sentence that points at an annex, or lists the Art. 28(3) items by name, states none of them.
REFERENCE_ONLY = rx(r"""
    \b(?:set out|described|specified|listed|defined|stated|detailed|identified|indicated|found)\s+~{0,3}(?:in|under)\s+~{0,2}(?:annex|appendix|schedule|exhibit|attachment|bilag|vedlegg|clause|section)
    \b(?:angitt|angis|beskrevet|beskrives|spesifisert|fastsatt|nevnt|definert|oppført|listet)\s+~{0,3}i\s+~{0,2}(?:bilag|vedlegg|punkt|avsnitt|annex)
    \b(?:fremgår|framgår|følger)\s+~{0,3}(?:av|i)\s+~{0,2}(?:bilag|vedlegg|punkt)
    \b(?:describes?|sets? out|specif(?:y|ies)|lists?|contains?|stipulates?|beskriver|angir|inneholder|fastsetter|skal angi)\s+~{0,3}(?:subject|duration|nature|purposes?|categor|types?|gjenstand|varighet|art|formål|kategori|typer)
""")
# The value of a label row that only points elsewhere ("See Annex 3") or defines a term states nothing.
LABEL_VALUE_UNLESS = rx(DEFINITION, REFERENCE_ONLY, r"^(?:see|cf\.?|se|jf\.?|as per|ref\.?)\s")
# A short line without final punctuation is a heading: it names a clause, it does not make it.
HEADING_MAX_WORDS = 8
# "taking into account the nature ... of processing" (Arts. 28(3)(e), 32) names the nature without stating it.
INTO_ACCOUNT = rx(r"""
    \binto account\b | \bhaving regard to\b | \bregard being had\b | \bconsidering\b | \bscope,? context\b
    \btatt i betraktning\b | \bta i betraktning\b | \bhensyn til\b | \bi lys av\b | \bomfang,? sammenheng\b
""")

# ---- The preamble of Art. 28(3): what the processing is --------------------------------------------------------

SUBJECT_MATTER = Vocabulary(
    rules=(
        rule(rx(r"\bsubject[- ]matter\b | behandlingens gjenstand | \bgjenstand(?:en)? for (?:data)?behandling\w*")),
        # "behandler personopplysninger i forbindelse med levering av X" is how Norwegian agreements state it.
        rule(
            # The delivery alone first: a cheap filter for the ordered pattern after it.
            rx(r"""
                \bdeliver\w* | \bprovi\w* | \bperformance\b | \blevering\w* | \bleveranse\w* | \blevere\b | \byting\w*
                \bdrift\w*
            """),
            rx(r"""
                (?:\bprocess\w*|behandl\w*)\s+~{0,4}(?:in connection with|as part of|relating to|in|when|i forbindelse med|som ledd i|knyttet til|ved)\s+(?:the |this )?(?:delivery|provision|providing|performance|levering\w*|leveranse\w*|yting\w*|drift\w*)
            """),
            unless=rx(r"\binstruct\w* | \binstruks\w* | \bonly\b | \bkun\b"),
        ),
    ),
    unless=rx(DEFINITION, REFERENCE_ONLY),
    label=rx(r"""
        (?:the )?subject[- ]matter(?: of (?:the )?processing)? | (?:behandlingens )?gjenstand(?:en)?(?: for (?:data)?behandlingen)?
        (?:the )?scope(?: of (?:the )?processing)? | omfang(?:et)?(?: av (?:data)?behandlingen)?
        hva (?:behandlingen|avtalen|oppdraget) gjelder | description of (?:the )?services? | services? description
        beskrivelse av tjenesten | tjenestebeskrivelse | (?:the )?services? | tjenesten? | tjenester(?:ne)?
    """),
)

# Retention, deletion or return speak of what happens after the end, not of how long the processing lasts.
_AFTER_THE_END = rx(r"""
    \bretention\b | \blagringstid\w* | \bretain\w* | \boppbevar\w* | \bdelet\w* | \bslett\w* | \breturn\w* | \btilbakelever\w*
""")
DURATION = Vocabulary(
    rules=(
        rule(
            rx(r"\bduration\b | \bvarighet\w* | \bløpetid\w* | \bvarer\b | \bvarar\b"),
            rx(r"""
                \bagreement\b | \bdpa\b | \baddendum\b | \bcontract\b | avtal\w* | \bprocessing\b | behandling\w*
                handsaming\w* | \bservices?\b | tjenest\w* | oppdrag\w*
            """),
            unless=_AFTER_THE_END,
        ),
        # "This Agreement remains in force for as long as ..." / "Avtalen gjelder så lenge ..."
        rule(
            rx(r"""
                \bin (?:full )?force\b | \bin effect\b | \bremains? (?:valid|effective|applicable|binding)
                \b(?:shall|will) (?:continue|apply|last|run)\b | \b(?:applies|lasts|runs)\b | \benters? into force\b
                \beffective (?:from|until|as of)\b | \btrer i kraft\b | \bi kraft\b | \bgjeld(?:er)?\b | \bløper\b
                \b(?:terminat|expir|end)\w* automatically\b | \bopphører (?:automatisk|samtidig)\b
            """),
            rx(r"""
                \bthis (?:agreement|dpa|addendum)\b | \bthe (?:agreement|dpa)\b | \bavtalen\b | databehandleravtalen
                \bthe processing\b | \bbehandlingen\b | \bhandsaminga\b
            """),
            rx(r"""
                \b(?:as|so) long as\b | \buntil\b | \bfor the (?:term|duration)\b | \bthe term of\b | \bcoterminous\b
                \bsame (?:term|period)\b | \bså lenge\b | \binntil\b | \bfram til\b | \bfrem til\b | \bsamme (?:periode|tid)\b
                \bexpir\w* | \bterminat\w* | \bopphør\w* | \butløp\w*
                \b(?:signature|signing|signed|signering|undertegn\w*|signert)\b
            """),
            unless=_AFTER_THE_END,
        ),
        # "Behandlingen pågår så lenge Behandlingsansvarlig har et aktivt kundeforhold": says how long, even when
        # the same sentence goes on to deletion.
        rule(
            rx(r"""
                \b(?:the processing|behandlingen|handsaminga)\s+(?:shall |will |skal )?(?:pågår|pågå|varer|vare|continues?|lasts?)\s+~{0,3}?(?:så lenge|as long as|until|inntil|fram til|frem til)\b
            """),
        ),
    ),
    # Clauses that survive ("confidentiality continues after termination") and retention or deletion periods
    # speak of what happens after the end, not of how long the processing lasts.
    unless=rx(DEFINITION, REFERENCE_ONLY, r"\bconfidential\w* | \btaushet\w* | \bteieplikt\w* | \bsurviv\w*"),
    label=rx(r"""
        (?:the )?duration(?: of (?:the )?(?:processing|agreement|services?))? | (?:the )?term(?: of (?:the )?agreement)?
        (?:behandlingens |avtalens |handsaminga?s )?varighet(?:en)? | løpetid(?:en)? | (?:the )?period of processing
        processing period | behandlingsperiode(?:n)? | tidsrom(?:met)?
    """),
)

NATURE = Vocabulary(
    rules=(
        rule(
            rx(r"""
                \bnature (?:and purposes? )?of (?:the )?(?:data )?(?:processing|services?) | \bprocessing (?:operations|activities)\b
                \btypes? of processing\b | (?:data)?behandlingens (?:formål og )?art\b | \barten av (?:data)?behandlingen
                \bart og formål | \bformål og art\b | behandlingsaktivitet\w* | behandlingsoperasjon\w*
                \b(?:typer|type|slags) (?:data)?behandling\b
            """)
        ),
        # "The processing consists of storage, backup and support."
        rule(
            rx(r"""
                \bprocessing ~{0,4}?(?:consists? of|comprises?|includes?|involves?|entails?)\b
                (?:data)?behandlingen ~{0,3}?(?:består|omfatter|innebærer|inkluderer|innbefatter)\b
            """),
            rx(r"""
                \bstor(?:age|ing|e)\b | \bhost\w* | \bcollect\w* | \banalys\w* | \bback-?ups?\b | \btransmi\w* | \bmaintenance\b
                \bretrieval\b | \bdisclosure\b | \bprinting\b | \bsupport\b | \blagring\w* | \binnsamling\w* | \bregistrering\w*
                \bdrift\w* | sikkerhetskopi\w* | \boverføring\w* | \bvedlikehold\w* | \boppbevaring\b | \butskrift\w*
                \butsending\w* | \bforsendelse\w* | \bbrukerstøtte\b
            """),
        ),
    ),
    # The record of processing activities (Art. 30) names them without describing this processing.
    unless=rx(
        DEFINITION,
        REFERENCE_ONLY,
        INTO_ACCOUNT,
        r"\bprotokoll\w* | \brecords? of ~{0,3}processing\b | \bart(?:icle|ikkel|\.)? ?30\b",
        # Measures "suited to the nature of the processing" are fitted to it, they do not describe it.
        r"\b(?:suited|adapted|appropriate|tailored|proportionate) to the nature\b | \btilpass\w* (?:til )?behandlingens art\b"
        r" | \but fra (?:behandlingens art|arten)\b | \bbased on the nature\b",
    ),
    label=rx(r"""
        (?:the )?nature(?: of (?:the )?processing)? | processing (?:operations|activities) | (?:types?|kinds?) of processing
        (?:behandlingens |handsaminga?s )?art(?:en)?(?: av (?:data)?behandlingen)? | behandlingsaktivitet(?:er|ene)?
        behandlingsoperasjon(?:er|ene)? | (?:behandlingens )?karakter | behandlingstyper?
    """),
)

PURPOSE = Vocabulary(
    rules=(
        rule(rx(r"\bpurposes?\b | formål\w* | føremål\w* | \bhensikt\w*"), PROCESSING),
        # "Personopplysningene behandles for å drifte ...", "processed in order to provide ..."
        rule(
            rx(r"""
                \b(?:processed|used)\s+~{0,2}?(?:in order to|so as to|to (?:enable|provide|deliver|perform|operate|administer|support|manage|run))\b
                \b(?:behandles|brukes|behandlast|handsamast|nyttast)\s+~{0,2}?(?:for å|til å|i den hensikt å|med det formål å)\b
            """),
            # What is used must be the data: "the objection cannot be used to delay the audit" states no purpose.
            PROCESSING,
        ),
    ),
    # Purpose limitation ("for no other purpose"), the purpose of the agreement itself, the controller's role
    # ("decides the purposes and means") and the Art. 32 formula name a purpose without stating it.
    unless=rx(
        DEFINITION,
        REFERENCE_ONLY,
        INTO_ACCOUNT,
        r"""
        \b(?:other|own|another|different|incompatible|further|any)\s+~{0,2}purposes? | \bother than\b | \bpurpose limitation
        \b(?:andre|egne|annet|anna|eget) (?:formål|føremål) | \benn (?:det|de|hva)\b | \butover\b | formålsbegrens\w*
        \bpurposes? of (?:this|the) (?:agreement|dpa|contract|clauses?|annex|addendum|data processing agreement)\b
        \bfor the purposes? of (?:this|these|the) (?:agreement|dpa|clauses?|annex|section|definition) | \bfor the purposes? of art
        \b(?:formålet|hensikten) med (?:denne |dette )?(?:avtalen|databehandleravtalen|bestemmelsen|klausulen|bilaget|punktet)
        \bavtalens (?:formål|føremål|hensikt)
        \bpurposes? and means\b | \bformål(?:et)? og midl\w* | \b(?:decid|determin)\w* (?:on )?the purpose
        \b(?:purposes?|formål\w*) (?:that |which |som )?(?:the )?(?:law|loven|lov)\b
        \b(?:purposes?|formålet) (?:allows?|permits?|requires?|tillater|krever)\b | \bminimi[sz]ation\b | \bdataminimering\b
        \b(?:bestemme|bestemmer|avgjøre|avgjør|fastsette|fastsetter)\s+~{0,2}(?:formål|føremål)
        """,
    ),
    label=rx(r"""
        (?:the )?purposes?(?: of (?:the )?(?:data )?processing)? | (?:behandlingens |handsaminga?s )?formål(?:et|ene)?
        formål(?:et)? med (?:data)?behandlingen | føremål(?:et)?(?: med handsaminga)? | hensikt(?:en)?
    """),
)

# Fields a list of personal data names ("names, e-mail addresses and salary").
_FIELD = (
    r"(?:names?|navn|namn|e-?mail\w*|e-?post\w*|addresses|address|adresser?|phone\w*|telefon\w*|mobil\w*|date of birth"
    r"|fødselsdato\w*|fødselsnummer\w*|personnummer\w*|national id\w*|salary|salaries|lønn\w*|bank account\w*|kontonummer\w*"
    r"|ip[- ]address\w*|ip-adresse\w*|recordings?|opptak|images?|bilder?|video\w*|location\w*|lokasjon\w*|posisjon\w*"
    r"|health\w*|helse\w*|contact (?:details|information)|kontaktinformasjon|kontaktopplysning\w*|usernames?|brukernavn"
    r"|attendance|fravær\w*|timeliste\w*|working hours|arbeidstid\w*|job title\w*|stilling\w*|invoice\w*|faktura\w*"
    r"|purchase history|kjøpshistorikk|customer number\w*|kundenummer\w*|social security number\w*)\b"
)
DATA_TYPES = Vocabulary(
    rules=(
        rule(
            rx(r"""
                \b(?:types?|categor(?:y|ies)|kinds?|classes?) of (?:customer |personal )?(?:data|information)\b(?!\s+subjects?)
                \b(?:personal )?data (?:categories|types)\b | personopplysningstyp\w* | \bopplysningstyp\w*
                \b(?:typer|type|kategori(?:er|ene)?|slags|typar|kategoriar) (?:av )?(?:person)?opplysning\w*
                (?:person)?opplysningskategori\w* | \bdatakategori\w*
            """)
        ),
        # "The personal data comprise names, e-mail addresses and salary": a list of fields states the types.
        rule(
            # A cue that a list follows, first: it is rare, and the ordered pattern after it is slow.
            rx(r"""
                \binclude\w* | \bcomprise\w* | \bconsists? of | \bsuch as | \bnamely | \bthe following | \bomfatter
                \binkluderer | \bherunder | \bbestår av | \bslik som | \bfor eksempel | \bf\.eks | \bfølgende
                \bprocessed (?:are|is)\b | \bbehandles er\b | :
            """),
            rx(r"""
                \b(?:personal data|personal information|customer data|personopplysning\w*|opplysning\w*|data)\b[^.;:]{0,60}?(?:\binclude\w*|\bcomprise\w*|\bconsists? of|\bsuch as|\bnamely|\bthe following|\bomfatter|\binkluderer|\bherunder|\bbestår av|\bslik som|\bfor eksempel|\bf\.eks\.?|\bfølgende|(?:processed|behandles) (?:are|is|er)\b|:)
            """),
            rx(rf"\b{_FIELD}\W+(?:[\w'’-]+\W+){{0,6}}?{_FIELD}"),
        ),
        # A list item under "Det behandles følgende personopplysninger:" / "The following personal data is processed:"
        rule(
            rx(r"""
                \bbehandles (?:\w+ )?følgende (?:typer |kategorier )?(?:person)?opplysning\w*
                \bfølgende (?:typer |kategorier )?(?:person)?opplysning\w* (?:\w+ )?behandles\b
                \bthe following (?:types of |categories of )?personal (?:data|information) (?:is|are|will be) processed\b
                \bprocesses the following (?:types of |categories of )?personal (?:data|information)\b
            """),
            rx(rf":\s+(?:[\w'’-]+\W+){{0,3}}?{_FIELD}"),
        ),
    ),
    unless=rx(
        DEFINITION,
        REFERENCE_ONLY,
        INTO_ACCOUNT,
        r"\bspecial categor\w* | \bsærlige kategori\w* | \bsærlege kategori\w*",
    ),
    label=rx(r"""
        (?:(?:types?|categor(?:y|ies)|kinds?) of )?(?:the )?personal data(?: (?:categories|types|processed|concerned))?
        (?:types?|categor(?:y|ies)) of data | data (?:categories|types) | opplysningstyper | (?:person)?opplysningskategori(?:er)?
        (?:(?:typer|type|kategori(?:er)?|slags|typar|kategoriar)(?: av)? )?personopplysning(?:er|ar|ene)?(?: som behandles)?
        datakategori(?:er)? | (?:behandlede|behandla) opplysninger
    """),
)

DATA_SUBJECTS = Vocabulary(
    rules=(
        rule(
            rx(r"""
                \bcategor(?:y|ies) of (?:the )?(?:data subjects?|individuals|persons)\b | \bdata subject (?:categories|types|groups)\b
                \b(?:types?|groups?) of data subjects\b | \b(?:kategori\w*|grupper?|typer) (?:av )?(?:de )?registrerte\b
                \bregistrertkategori\w*
            """)
        ),
        # "The data subjects are the Customer's employees."
        rule(
            rx(r"""
                \b(?:data subjects?|(?:de|dei) registrerte)\b[^.;]{0,40}?(?:\bare\b|\binclude\w*|\bcomprise\w*|\bconcerned\b|\ber\b|\bomfatter\b|\binkluderer\b|\bkan være\b|\bvil være\b|\bbestår av\b|:)
            """),
            rx(PEOPLE_CATEGORY),
        ),
        # "personopplysninger om Kundens ansatte og kunder"
        rule(
            rx(
                r"\b(?:personal data|personal information|personopplysning\w*|opplysning\w*)\s+(?:\w+\s+){0,3}?"
                r"(?:concerning|concerns?|relating to|relates? to|related to|about|regarding|om|knyttet til|tilhørende|gjelder|gjeld)"
                r"\s+(?:[\w'’-]+:?\s+){0,3}?" + PEOPLE_CATEGORY
            )
        ),
    ),
    unless=rx(
        DEFINITION, REFERENCE_ONLY, r"\brequests?\b | \bhenvendels\w* | \bforespørs\w* | \brettighet\w* | \brights\b"
    ),
    label=rx(r"""
        (?:(?:categor(?:y|ies)|types?|groups?) of )?(?:the )?data subjects?(?: concerned)? | registrertkategori(?:er)?
        (?:(?:kategori(?:er)?|grupper|typer|kategoriar)(?: av)? )?(?:de |dei )?registrerte | (?:the )?individuals concerned
    """),
)

CONTROLLER_RIGHTS = Vocabulary(
    rules=(
        rule(
            rx(r"""
                \brights and (?:obligations|duties)\b | \b(?:obligations|duties) and rights\b | \brett og plikt\b
                \brettigheter og (?:plikter|forpliktelser)\b | \b(?:plikter|forpliktelser) og rettigheter\b
                \brettar og plikter\b | \bplikter og rettar\b
            """),
            CONTROLLER,
        ),
        # "The Controller is responsible for having a legal basis."
        rule(
            rx(r"""
                \blegal (?:basis|grounds?)\b | \blawful\w* | \bduty to inform\b | \bbehandlingsgrunnlag\w* | \brettslig grunnlag\w*
                \blovlig\w* | \blovleg\w* | \brettsleg grunnlag\w* | \bhandsamingsgrunnlag\w* | \binformasjonsplikt\w*
                \bgrunnlag for (?:behandlingen|handsaminga)
                \bin (?:compliance|accordance) with (?:applicable |the )?(?:data protection|gdpr) | \bcompl\w* with (?:applicable |the )?(?:data protection|gdpr)
                \bi (?:samsvar|tråd) med (?:personvernregelverket|personvernforordningen|personopplysningsloven|gjeldende personvern\w*)
            """),
            rx(r"""
                \bresponsib\w* | \bensur\w* | \bwarrant\w* | \bguarantee\w* | \bconfirm\w* | \bundertak\w* | \bansvar\w*
                \bsørge\w* | \bpåse\w* | \binnestå\w* | \bgaranter\w* | \bskal sikre\b
            """),
            CONTROLLER,
        ),
        rule(
            rx(r"""
                \bright to (?:give|issue|change|amend|decide|determine)\b | \brett til å (?:gi|endre|bestemme|avgjøre)\b
                \b(?:decides?|determines?) (?:on )?the purposes\b | \b(?:bestemmer|avgjør|fastset\w*) formål\w*
            """),
            CONTROLLER,
        ),
    ),
    # The processor assisting the controller with its duties is (e)/(f); "this agreement sets out the rights
    # and obligations of the parties" is about the agreement, not the controller.
    unless=rx(
        DEFINITION,
        ASSIST,
        r"""
        \binfring\w* | \bi strid med\b | \bstrider mot\b | \bpartenes\b | \bthe parties'? | \beach party'?s?\b
        \b(?:processor|supplier|vendor|databehandler\w*|leverandør\w*)\s+~{0,2}(?:is|shall be|remains|er|skal være)\s+(?:solely |fully )?(?:responsible|ansvarlig)
        \b(?:purpose|formålet|hensikten) (?:of|med) (?:this|the|denne)? ?(?:agreement|dpa|avtalen)\b | \bavtalens (?:formål|hensikt)
        \b(?:this|the) (?:agreement|dpa|addendum)\s+~{0,2}(?:sets? out|governs?|regulates?|describes?|establish\w*|lays? down)
        \b(?:denne )?(?:avtalen|databehandleravtalen)\s+~{0,2}(?:regulerer|fastsetter|beskriver|angir)\b
        """,
    ),
)
