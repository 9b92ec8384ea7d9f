"""The vocabulary of the Art. 28 checker, second half: the processor's duties (28(3)(a)-(h), 28(4), breach notice)."""

from __future__ import annotations

from agreements.check_match import Vocabulary, rule, rx
from agreements.check_patterns import ASSIST, BREACH_WORDS, DEFINITION, INSTRUCTION, PEOPLE, SUBPROCESSOR

INFRINGE = rx(r"""
    \binfring\w* | \bbreach(?:es|ing)?\b | \bunlawful\w* | \billegal\w* | \bcontrary to\b | \bcontraven\w* | \bviolat\w*
    \bin conflict with\b | \bconflicts? with\b | \bnot (?:be )?(?:in (?:accordance|compliance|line)|compliant|lawful|permitted)\b
    \bnon-?complian\w* | \bulovlig\w* | \bi strid med\b | \bstrider mot\b | \bstrid mot\b | \bbryter\b | \bbrudd på\b
    \bikk(?:e|je) (?:er )?i samsvar\b | \bi konflikt\b | \bi motstrid\b | \bikke (?:er )?lovlig\b | \blovstridig\w*
    \brettsstridig\w* | \buforenlig\w*
""")
INFORM = rx(r"""
    \binform(?:s|ed|ing|ere|eres|erer|ert|erte)?\b | \bnotif\w* | \btell\b | \balert\w* | \badvis\w* | \bwarn\w* | \braise\b | \bvarsl\w* | \bunderrett\w*
    \bgi\w*\s+~{0,2}beskjed | \bsi (?:i)?fra\b | \bmeld\w* | \bgjøre\w* ~{0,2}oppmerksom | \borienter\w*
""")

INSTRUCTIONS = Vocabulary(
    rules=(
        rule(
            INSTRUCTION,
            rx(r"""
                \bonly\b | \bsolely\b | \bexclusively\b | \bdocumented\b | \bin writing\b | \bwritten\b | \bkun\b | \bbare\b
                \bberre\b | \butelukkende\b | \bdokumentert\w* | \bskriftlig\w*
            """),
            # Processing, not "the Processor": a transfer clause "by the processor ... only on documented
            # instructions" is (a)'s second half, the sentence that says how all processing is done is its first.
            rx(r"""
                \bprocess(?:ing|ed|es|e)?\b | \bbehandl(?!er(?:en|ne)?\b|ingsansvarl)\w* | handsam(?!ar|ingsansvarl)\w* | \buse\b | \bbruke?\b
                \bact(?:s|ing)?\b | \bopptre\w*
            """),
        ),
        # "behandle personopplysningene i henhold til instruks fra behandlingsansvarlig" (the first group is a cheap
        # filter for the ordered pattern)
        rule(
            rx(r"\binstruct\w* | \binstruks\w* | \bas directed\b"),
            rx(r"""
                (?:\bprocess\w*|\bbehandl(?!ingsansvarl)\w*|handsam(?!ar|ingsansvarl)\w*)\s+(?:\S+\s+){0,8}?(?:on (?:the )?(?:\w+\s+)?instructions?|as (?:instructed|directed)|(?:in accordance with|according to|pursuant to|i henhold til|i samsvar med|etter|i tråd med|innenfor)\s+(?:\S+\s+){0,3}?(?:instruct\w*|instruks\w*))
            """),
        ),
        # "Databehandleren skal følge de instrukser som behandlingsansvarlig har bestemt"
        rule(
            INSTRUCTION,
            rx(r"\b(?:følge|følger|fylgje|comply with|follow|act on|adhere to)\s+~{0,4}?(?:instruks\w*|instruct\w*)"),
        ),
    ),
    bonus=(
        rx(r"""
            \bthird countr\w* | \btredjeland\w* | \btredjestat\w* | \boutside (?:the )?(?:eea|eu|european) | \butenfor eøs\b
            \butanfor eøs\b | \binternational organi[sz]ation\w* | \binternasjonale? organisasjon\w*
        """),
    ),
    # The warning about an unlawful instruction is the last subparagraph; deleting "as instructed" is (g).
    unless=rx(DEFINITION, rf"(?:{INFORM.pattern}).*(?:{INFRINGE.pattern})", r"\bdelet\w* | \bslett\w*"),
)

CONFIDENTIALITY = Vocabulary(
    rules=(
        rule(
            rx(r"""
                \bconfidential\w* | \bsecrecy\b | \bnon-?disclosure\b | \btaushet\w* | \bteieplikt\w* | \btausheitsplikt\w*
                \bkonfidensial\w* | \bfortrolig\w*
            """),
            PEOPLE,
        ),
    ),
    bonus=(
        rx(
            r"\bstatutory\b | \blovbestemt\b | \bundertak\w* | \bsign\w* | \btaushetserklæring\w* | \bafter\b | \better\b"
        ),
    ),
    # Confidentiality, integrity and availability of systems is Art. 32 (security), not (b).
    unless=rx(DEFINITION, r"\bintegrit\w* | \bavailability\b | \btilgjengelighet\b | \bresilien\w* | \brobusthet\w*"),
)

NOTIFY = rx(r"""
    \bnotif\w* | \binform(?:s|ed|ing|ere|eres|erer|ert|erte)?\b | \breport\w* | \balert\w* | \btell\b | \bvarsl\w* | \bunderrett\w* | \bmeld\w*
    \brapporter\w* | \bgi\w* beskjed\b
""")

SECURITY = Vocabulary(
    rules=(
        rule(
            rx(r"""
                \btechnical and organi[sz]ational\b | \borgani[sz]ational and technical\b | \btekniske og organisatoriske\b
                \borganisatoriske og tekniske\b | \btechnical(?:,? \w+){1,2},? and organi[sz]ational\b
                \btekniske(?:,? \w+){1,2},? og organisatoriske\b
            """)
        ),
        rule(
            rx(r"\bsecurity\b | \bsecure\b | sikkerhet\w* | \btryggleik\w* | \bsikring\w*"),
            rx(r"""
                \bmeasures?\b | \btiltak\w* | \bsafeguards?\b | \bcontrols?\b | \bstandards?\b | \blevel\b | \bnivå\w* | \bprotect\w*
                \bbeskytt\w* | \bivareta\w* | \btilfredsstillende\b | \bforsvarlig\w* | \badequate\b | \bappropriate\b
                \begnet\w* | \bnødvendig\w*
            """),
        ),
        rule(
            rx(r"\bart(?:icle|\.)?\s*32\b(?!\s*(?:-|–|to|til)) | \bartikkel 32\b(?!\s*(?:-|–|til))"),
            rx(r"\bmeasures?\b | \btiltak\w* | \bsecurity\b | sikkerhet\w* | \bimplement\w* | \bgjennomfør\w*"),
        ),
    ),
    bonus=(
        rx(
            r"\bencrypt\w* | \bkrypter\w* | \bpseudonym\w* | \baccess control\w* | \btilgangskontroll\w* | \bannex\b | \bbilag\b"
        ),
        rx(r"\bart(?:icle|\.)?\s*32\b | \bartikkel 32\b"),
    ),
    # "assists ... by appropriate technical and organisational measures" is (e)/(f); "sufficient guarantees" of
    # measures is the test for choosing a (sub-)processor; a breach notice tells of the measures taken.
    unless=rx(DEFINITION, ASSIST, r"\bguarantees\b | \bgarantier\b", NOTIFY),
)

# 28(4): the same obligations flow down to the sub-processor ...
SAME_OBLIGATIONS = rx(r"""
    \bsame (?:data[- ]protection )?(?:obligations|terms|requirements|conditions|duties|restrictions|level of protection)\b
    \b(?:obligations|terms|requirements|duties)\s+~{0,6}?(?:no less|not less|at least (?:as|equally)|equivalent|equally|substantially (?:similar|the same)|the same as|as (?:protective|strict|stringent))
    \b(?:samme|tilsvarende|likeverdige|like strenge)\s+~{0,2}?(?:forpliktelse|plikt|vilkår|krav|betingelse|personvernforpliktelse|bestemmelse|regl|regel)\w*
    \b(?:forpliktelse|plikt|vilkår|krav)\w*\s+~{0,5}?(?:tilsvarende|samme som|like strenge|minst like)\b
    \bminst like\b | \bflow(?:s|ed)? down\b | \bback-to-back\b
    \b(?:impos\w*|pålegg\w*|bind(?:e|s|ing)?)\s+(?:\S+\s+){0,8}?(?:obligations|forpliktelser|plikter|vilkår)\b
""")
# ... and the processor stays liable for it.
LIABLE = rx(r"""
    \b(?:fully|remains?|stays?|shall remain|be held)\s+~{0,2}?(?:liable|responsible|accountable)\b
    \b(?:liable|responsible|accountable) (?:to the \w+ )?for ~{0,2}?(?:performance|acts|omissions|fulfil\w*|compliance)\b
    \bfullt? (?:ut )?ansvarlig\b | \b(?:er|forblir|blir|være|vere)\s+~{0,2}?ansvarleg
    \b(?:er|forblir|blir|være)\s+~{0,2}?ansvarlig (?:overfor|for)\b | \b(?:hefter|svarer)\s+~{0,3}?for\b
    \bansvar(?:et)? (?:overfor \w+ )?for (?:at )?(?:\w+\s+){0,2}(?:underdatabehandler\w*|underleverandør\w*)
    \bbærer (?:\w+\s+)?ansvar\w* | \bansvaret overfor\b
""")

OBJECT = rx(
    r"\bobject\w* | \binnsigelse\w* | \binnvending\w* | \bprotest\w* | \bmotsett\w* | \breserver\w* | \bveto\b | \boppose\w*"
)
SUBPROCESSORS = Vocabulary(
    rules=(
        rule(
            SUBPROCESSOR,
            # "approved sub-processors" names them; "approves the sub-processors" authorises them.
            rx(
                r"""
                \bauthori[sz](?!ed sub)\w* | \bapprov(?!ed sub)\w* | \bconsent\w* | \bpermission\b | \bprior\b | \bnotice\b
                \bnotif\w* | \binform(?:s|ed|ing|ere|eres|erer|ert|erte)?\b | \bgodkjen(?!te under)\w* | \bsamtykk\w* | \btillatelse\b | \bforhånd\w* | \bførehand\w*
                \bvarsl\w* | \bunderrett\w*
                """,
                OBJECT,
            ),
        ),
    ),
    bonus=(
        rx(r"\bgeneral\b | \bspecific\b | \bgenerell\w* | \bspesifikk\w* | \bspesiell\w*"),
        rx(
            r"\bwritten\b | \bin writing\b | \bskriftlig\w* | \bprior\b | \bin advance\b | \bforhånd\w* | \bi forkant\b"
        ),
        OBJECT,
        rx(r"\b\d+\s*(?:days|dagers?|dagar|weeks|uker|veker|months|måneder)\b"),
    ),
    # Flow-down and liability are 28(4); breach notices by sub-processors are Art. 33; a summary that points
    # to the clause ("object to or authorise sub-processors (clause 8)") is not the clause.
    unless=rx(
        DEFINITION,
        BREACH_WORDS,
        SAME_OBLIGATIONS,
        LIABLE,
        r"\((?:see )?(?:clause|clauses|punkt|section|pkt\.?)\s*\d+(?:\.\d+)*\)",
        # Help with an impact assessment may describe the sub-processors; it authorises none.
        r"\bimpact assessments?\b | \bdpias?\b | konsekvensvurdering\w* | \bprior consultation\w* | \bforhåndsdrøft\w*",
    ),
)

# "bound by a written contract ... similar data protection obligations": flow-down, though weaker than 28(4) asks
# (check_verdict calls it weak).
SIMILAR_OBLIGATIONS = rx(r"""
    \b(?:similar|comparable|lignende|liknande|sammenlignbare)\s+~{0,3}?(?:obligations|terms|requirements|duties|forpliktelse\w*|plikt\w*|vilkår|krav)\b
    \bbound by (?:a |an )?(?:written )?(?:contract|agreement)\b
""")
FLOW_DOWN = Vocabulary(
    rules=(rule(SUBPROCESSOR, SAME_OBLIGATIONS), rule(SUBPROCESSOR, LIABLE), rule(SUBPROCESSOR, SIMILAR_OBLIGATIONS)),
    unless=DEFINITION,
)

DATA_SUBJECT_REQUESTS = Vocabulary(
    rules=(
        rule(
            rx(r"\bdata subjects?'? | \bregistrerte\w* | \bindividuals'? (?:rights|requests) | \bpersons concerned\b"),
            rx(r"""
                \brights?\b | \brequests?\b | \binquir\w* | \benquir\w* | \bclaims?\b | \bcomplaints?\b | \brectification\b
                \berasure\b | \bportability\b | \brettighet\w* | \brettar\b | \bhenvendels\w* | \bførespurnad\w* | \bforespørs\w*
                \banmodning\w* | \bkrav\b | \bbegjæring\w* | \binnsyn\w* | \bcontacts?\b | \bkontakter\b | \bhenvender\b
            """),
            rx(
                ASSIST,
                r"""
                \bforward\w* | \bredirect\w* | \bpass\w* (?:on|to)\b | \brefer\w* | \brespond\w* | \banswer\w* | \bhandl\w*
                \bfulfil\w* | \benabl\w* | \bfacilitat\w* | \bvideresend\w* | \boversend\w* | \bsvar\w* | \bbesvar\w* | \bhåndter\w*
                \boppfyll\w* | \bivareta\w* | \btilrettelegg\w* | \bmedvirk\w*
                """,
            ),
        ),
    ),
    bonus=(
        rx(
            r"\bforward\w* | \bvideresend\w* | \boversend\w* | \bpromptly\b | \bwithout (?:undue )?delay\b | \buten (?:ugrunnet )?opphold\b"
        ),
    ),
    unless=rx(DEFINITION, BREACH_WORDS),
)

ARTS_32_36 = rx(r"""
    \bart(?:icles?|s?\.)?\s*32\s*(?:-|–|to|til|through)\s*(?:art(?:icle|\.)?\s*)?36\b | \bartikkel 32\s*(?:-|–|til)\s*36
    \barticles? 3[3-6]\b | \bart\.?\s*3[3-6]\b | \bartikkel 3[3-6]\b | (?<!transfer )\bimpact assessments?\b | \bdpias?\b
    konsekvensvurdering\w* | \bvurdering(?:er)? av personvernkonsekvens\w* | \bprior consultation\w* | \bforhåndsdrøft\w*
    \bførehandsdrøft\w*
""")
ASSISTANCE = Vocabulary(
    rules=(
        rule(ARTS_32_36, ASSIST),
        # Helping with the authority or with security in general counts, but cooperating with an audit is (h), and
        # cooperating with the authority itself (Art. 31) is the processor's own duty, not help to the controller.
        rule(
            rx(r"""
                \bsupervisory authorit\w* | tilsynsmyndighet\w* | \bdatatilsynet\b | \bregulators?\b | \bdata protection authorit\w*
                \bsecurity of (?:the )?processing\b | \bbehandlingssikkerhet\w* | \bsikkerheten (?:ved|i) behandlingen\b
                \bart(?:icle|\.)?\s*32\b | \bartikkel 32\b
            """),
            ASSIST,
            unless=rx(
                r"\baudit\w* | \brevisjon\w* | \binspect\w* | \binspeksjon\w* | \bkontroll\w* | \bart(?:icle|ikkel|\.)?\s*31\b"
            ),
        ),
    ),
    bonus=(ARTS_32_36, rx(r"\bdatatilsynet\b | \bsupervisory authorit\w* | \btilsynsmyndighet\w*")),
    unless=DEFINITION,
)

DELETION_RETURN = Vocabulary(
    rules=(
        rule(
            rx(r"""
                \bdelet\w* | \beras\w* | \bdestroy\w* | \bdestruct\w* | \breturn\w* | \bhand (?:back|over)\b | \bslett\w*
                \btilbakelever\w* | \blever\w* ~{0,3}?tilbake\b | \breturner\w* | \butlever\w* | \boverlever\w* | \bdestruer\w*
                \bmakuler\w* | \btilintetgj\w*
            """),
            rx(r"""
                \bend of\b | \bat the end\b | \bends\b | \bending\b | \bterminat\w* | \bexpir\w* | \bcessation\b | \bceases?\b
                \bcompletion\b | \bconclusion\b | \bno longer\b | \bopphør\w* | \bavslut\w* | \butløp\w* | \bslutt\w* | \bavvikl\w*
                \bikk(?:e|je) lenger\b | \better endt\b | \bved endt\b
            """),
            # What is deleted is the data: returning "Confidential Information" at the end of any contract is not (g).
            rx(r"\bdata\b | \bpersonal\b | opplysning\w* | \bcop(?:y|ies)\b | \bkopi\w* | \brecords\b | \bit\b"),
        ),
    ),
    bonus=(
        rx(r"\bchoice\b | \boption\b | \belection\b | \bdiscretion\b | \bvalg\b | \bvelger\b | \bbestemmer\b"),
        rx(r"\bcop(?:y|ies)\b | \bkopi\w* | \bback-?ups?\b | \bsikkerhetskopi\w*"),
    ),
    # The SCCs' third-party-beneficiary right (the sub-processor deletes or returns the data if the processor has
    # disappeared) is a fallback against a sub-processor, not deletion or return at the end of the services.
    unless=rx(
        DEFINITION,
        r"""
        \brequests? for erasure\b | \bkrav om sletting\b | \bhas (?:factually )?disappeared\b | \bdisappeared in fact\b
        \bceased to exist in law\b | \bhar (?:faktisk )?forsvunnet\b | \bopphørt å eksistere\b
        """,
    ),
)

AUDITS = Vocabulary(
    rules=(
        rule(
            rx(
                r"\baudit\w* | \binspect\w* | \binspeksjon\w* | \brevisjon\w* | \brevider\w* | \bkontroll\w* | \btilsyn\b"
            ),
            rx(r"""
                \ballow\w* | \bpermit\w* | \bsubmit\w* | \bcontribut\w* | \benabl\w* | \bfacilitat\w* | \bright to\b | \bentitled to\b
                \bmay\b | \bconduct\w* | \bcarr(?:y|ied) out\b | \bperform\w* | \baccess\b | \bmandated\b | \bindependent\b
                \bgi\w* ~{0,2}?(?:tilgang|adgang)\b | \btillat\w* | \bbidra\w* | \brett til\b | \bkan\b | \bgjennomfør\w*
                \bforeta\w* | \butfør\w* | \bunderlegge\w* | \buavhengig\w*
            """),
        ),
        # 28(3)(h) first half: all information necessary to demonstrate compliance.
        rule(
            rx(
                r"\binformation\b | \bdocumentation\b | \brecords\b | \bdokumentasjon\w* | \bopplysninger\b | \binformasjon\w*"
            ),
            rx(r"""
                \bdemonstrat\w* | \bprove\b | \bshow\b | \bevidence\b | \bpåvis\w* | \bdokumentere\b | \bvise at\b | \bgodtgjør\w*
                \boverholde\w* | \betterlev\w* | \bnødvendig dokumentasjon\b | \ball (?:the )?information necessary\b
            """),
            rx(r"""
                \bmake\w* ~{0,3}?available\b | \bavailable\b | \bprovid\w* | \bgive\b | \bsuppl(?:y|ies)\b | \btilgjengelig\w* | \brett til (?:å )?få\b | \bright to (?:receive|obtain)\b | \binnsyn i\b
                \bgi\b | \bgir\b | \bstille\w* til rådighet\b | \bframlegg\w* | \bfremlegg\w* | \blegge\w* fram\b | \blegge\w* frem\b
            """),
            unless=BREACH_WORDS,
        ),
    ),
    bonus=(
        rx(r"\binspect\w* | \binspeksjon\w* | \bon-?site\b | \bstedlig\w*"),
        rx(r"\bdemonstrat\w* | \bpåvis\w* | \bdokumentasjon\w*"),
    ),
    # Logs are a security measure, and auditing invoices or fees is about money: neither is the audit right of (h).
    unless=rx(
        DEFINITION,
        r"""
        \baudit[- ]?(?:logs?|trails?)\b | \brevisjonslogg\w* | \brevisjonsspor\w* | \binvoic\w* | \bfaktura\w* | \bfees\b
        \binternal audits?\b | \binternrevisjon\w* | \bquality (?:management )?system\b | \bkvalitetssystem\w*
        \btime (?:records|sheets)\b | \btimeliste\w* | \bvederlag\w* | \bfinancial (?:accounts|statements)\b | \bregnskap\w*
        """,
    ),
)

UNLAWFUL_INSTRUCTION = Vocabulary(
    rules=(rule(INSTRUCTION, INFRINGE, INFORM),),
    bonus=(
        rx(
            r"\bimmediately\b | \bforthwith\b | \bat once\b | \bwithout (?:undue )?delay\b | \bstraks\b | \bumiddelbart\b | \bomgående\b"
        ),
    ),
    unless=DEFINITION,
)

PROMPTLY = rx(r"""
    \bwithout (?:undue )?delay\b | \buten (?:ugrunnet |unødig )?opphold\b | \butan (?:ugrunna |unødig )?opphald\b
    \bwithin \d+ | \binnen \d+ | \binnan \d+ | \bsenest\b | \bno later than\b | \bnot later than\b | \bat the latest\b
    \bpromptly\b | \bimmediately\b | \bforthwith\b | \bstraks\b | \bumiddelbart\b | \bomgående\b | \bsnarest\b
    \bas soon as\b | \bså snart\b | \b\d+\s*(?:hours|h|timer|timar)\b | \bart(?:icle|\.)?\s*33\b | \bartikkel 33\b
""")
BREACH = Vocabulary(
    rules=(
        rule(
            rx(r"""
                \b(?:personal )?data breach\w* | \bsecurity breach\w* | \bbreach\w* of (?:personal data )?security\b
                \bsecurity incident\w* | \bincident\w* | \bbrudd på (?:person)?(?:opplysnings|data)?sikkerhet\w* | \bavvik\w*
                \bpersonvernbrudd\w* | \bsikkerhetsbrudd\w* | \bsikkerhetshendelse\w* | \bhendelse\w* | \bdatabrudd\w*
                \bbrot på (?:person)?opplysningstryggleik\w*
                \bunauthori[sz]ed (?:access|disclosure|processing|use)\b | \buautorisert (?:tilgang|utlevering|behandling)\b
                \buvedkommende (?:har )?(?:fått )?tilgang\b
            """),
            rx(r"""
                \bnotif\w* | \binform(?:s|ed|ing|ere|eres|erer|ert|erte)?\b | \breport\w* | \balert\w* | \btell\b | \bvarsl\w* | \bunderrett\w* | \bmeld\w*
                \brapporter\w* | \bgi\w* beskjed\b
            """),
            # Promptly, or to the controller: "notify the Customer", "Kunden varsles".
            rx(
                PROMPTLY,
                rf"(?:{INFORM.pattern})\s+(?:[\w'’-]+\s+){{0,2}}?(?:controller|customer|client|behandlingsansvarl[ei]g\w*|kunden\w*)\b",
                r"\b(?:controller|customer|behandlingsansvarl[ei]g\w*|kunden)\s+~{0,3}?(?:notified|informed|alerted|varsles|varslet|underrettes|underrettet|informeres|orienteres)\b",
            ),
        ),
    ),
    bonus=(PROMPTLY, rx(r"\bart(?:icle|\.)?\s*33\b | \bartikkel 33\b | \b\d+\s*(?:hours|h|timer|timar)\b")),
    # Helping the controller notify the authority is (f).
    unless=rx(DEFINITION, r"\bassist\w* | \bbistå\w* | \bbistand\w*"),
)
