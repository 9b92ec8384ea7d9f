"""Phrase rules for the data subject rights an inquiry invokes: GDPR Art. 15 to 22 and 7(3)."""

from __future__ import annotations

from inquiries.classify_vocab import (
    CONSENT,
    DATA,
    ERASE_VERB,
    HELD_ABOUT_ME,
    MARKETING,
    ME,
    ME_OR_DATA,
    NOT,
    PERSON_FIELD,
    WANT_NOT,
    Rule,
    rx,
)

_STOP = r"stop|stopp\w*|slutt|sluta|quit|cease|hør op|halt|aufhören|hören sie auf"
_CONTACT = r"send\w*|ring\w*|call\w*|skicka|contact\w*|kontakt\w*|mail\w*|e-?post\w*|schick\w*|text\w*"
_MAILING_LIST = (
    r"\b(?:slett|fjern|ta|remove|take|stryk)\w*\s+(?:meg|mig|me)\s+(?:ut\s+|off\s+|bort\s+)?(?:fra|frå|av|from|off)\s+"
    r"(?:\w+\s+){0,2}?(?:nyhetsbrev|nyheitsbrev|e-?postlist|sms-?list|mailingl|newsletter|mailing list|utsendel|list)\w*"
)

# Words that make "what you have on me" part of another request: erasing or correcting it.
_NOT_ACCESS = rx(
    ERASE_VERB, r"\b(?:korriger|rett|endre|correct|update|fix)\w*|\bfeil\b|\bwrong\b|\bforkert\b|\bfalsch\w*"
)

ACCESS = (
    Rule("access", rx(r"\binn?syn(?:s?rett\w*|sbegjæring\w*|sforespørsel\w*|skrav\w*)?\b"), 3),
    Rule(
        "access",
        rx(
            r"\bkopi(?:a)? (?:av|of)\b[^.?!\n]{0,50}?(?:op?plysning|uppgift|\balt\b|\bdet (?:dere|de|dykk) har|mapp|journal|data|opptak)"
        ),
        3,
    ),
    Rule(
        "access",
        rx(r"\bcopy of\b[^.?!\n]{0,40}?(?:data|information|records?|file|everything|photos|notes|recordings?|footage)"),
        3,
    ),
    Rule("access", rx(r"\bkopie\b[^.?!\n]{0,30}?daten|\bdaten\b[^.?!\n]{0,60}?\bkopie\b"), 3),
    Rule(
        "access",
        rx(
            r"\b(?:hva|kva|hvad|what|vilka|welche|hvilke|hvilken|hvilket|which)\b[^.?!\n]{0,80}?"
            r"\b(?:om|on|about|over|über|of)\s+(?:meg|me|mig|mich|ham|henne|him|her)\b"
        ),
        3,
    ),
    Rule(
        "access",
        rx(
            r"subject access|right of access|\baccess request|access to (?:my|the|all) (?:personal )?(?:data|information)"
        ),
        3,
    ),
    Rule("access", rx(r"registerutdrag|\bindsigt\b|\bauskunft\w*|dataöversikt"), 3),
    # "What you hold about me" asks for access only with a verb of seeing or receiving nearby.
    Rule("access", rx(HELD_ABOUT_ME), 1, unless=_NOT_ACCESS),
    Rule("access", rx(r"\bart(?:ikkel|icle|ikel)?\.?\s*15\b"), 2),
    Rule("access", rx(r"(?:opptak\w*|recordings?|footage|video\w*)\s+(?:av|of)\s+(?:meg|me|mig|mich)\b"), 2),
    Rule(
        "access",
        rx(r"\butlever\w*|\bhand over\b|\bsend me\b"),
        1,
        near=rx(r"opptak|recording|footage|op?plysning|\bdata\b"),
    ),
    Rule(
        "access",
        rx(
            r"\b(?:se|sjå|see|oversikt|overview|tilsendt|utskrift|printout|einsehen|know|vite|wissen|veta|vide|tell|fortelle|send"
            r"|sende|få|fått|receive|copy|kopi|list|liste|mitteilen)\b"
        ),
        1,
        near=rx(HELD_ABOUT_ME),
        window=60,
        unless=_NOT_ACCESS,
    ),
)

RECTIFICATION = (
    Rule("rectification", rx(r"\bretting\b|\brettelse\b|\brectif\w*|\bberichtig\w*|\brätta\w*|\bkorrig\w*"), 3),
    Rule("rectification", rx(r"\brett(?:e|a)?\s+(?:opp|det|dette|den|feilen|adressa|adressen|navnet|namnet)\b"), 3),
    Rule("rectification", rx(rf"\bfeil\w*\s+(?:\w+\s+)?(?:{PERSON_FIELD}|registrert|stavet|stava)"), 3),
    Rule(
        "rectification",
        rx(
            r"\b(?:er|står|stod|stavet|stava|registrert|skrevet|skrive|skriven)\s+feil\b",
            r"\bforkert\w*|\burigtig\w*|\bfelaktig\w*|\bmisspel\w*|\bincorrect\w*|\binaccurate\b",
            r"\bwrong (?:address|name|date|number|email|spelling|details)",
            r"\b(?:have|has|got)\s+my\s+(?:\w+\s+){1,3}wrong\b|\bfalsch\w*\s+(?:\w+\s+)?(?:geschrieben|gespeichert|eingetragen)",
        ),
        3,
    ),
    Rule(
        "rectification",
        rx(
            r"\b(?:er|is|ist|är|was|står|stod)\s+(?:\w+\s+)?(?:feil|wrong|falsch|fel|forkert|gammel|gamal|old|outdated|utdatert|incorrect|uriktig)\b"
        ),
        3,
        near=rx(PERSON_FIELD),
        window=60,
    ),
    Rule("rectification", rx(r"\bcorrect(?:ed|ing|ion)?\b"), 3, near=ME_OR_DATA, window=60),
    Rule(
        "rectification",
        rx(r"\btypo\b|skrivefeil\w*|tastefeil\w*|stavefeil\w*|tippfehler\w*|stavfel\w*|slåfejl\w*"),
        3,
        near=rx(ME, PERSON_FIELD),
        window=60,
    ),
    Rule(
        "rectification",
        rx(r"\butdatert\w*|\bforeldet\b|\bout of date\b|\boutdated\b|\bveraltet\w*|\bföråldrad\w*"),
        2,
        near=rx(PERSON_FIELD, DATA),
    ),
    Rule(
        "rectification",
        rx(r"\b(?:endre|endra|ændre|ändra|ändern|change|fix|oppdater\w*|update|aktualisier\w*|uppdatera)\b"),
        2,
        near=rx(PERSON_FIELD, r"\brecords?\b|\bdetails\b"),
        window=50,
    ),
    Rule(
        "rectification",
        rx(
            r"\bshould be\b|\bskal være\b|\bskal vere\b|\bska vara\b|\bden rigtige\b|\brichtig (?:ist|wäre)\b|\bbruk heller\b|\binstead\b"
        ),
        2,
        near=rx(PERSON_FIELD),
        window=60,
    ),
    Rule("rectification", rx(r"\bold address\b|\bgammel adresse\b|\bny adresse\b|\bnew address\b|\bneue adresse\b"), 1),
)

ERASURE = (
    Rule("erasure", rx(r"forget me|right to be forgotten|bli glemt|vergessen werden|bli glömd|\bglem meg\b"), 3),
    Rule(
        "erasure", rx(r"\b(?:slett|slette|slet|delete|erase|remove|radera|fjern|entferne)\s+(?:meg|me|mig|mich)\b"), 3
    ),
    Rule("erasure", rx(r"krav om sletting|request for erasure|begäran om radering|antrag auf löschung|sletting av"), 3),
    Rule("erasure", rx(ERASE_VERB), 3, near=ME_OR_DATA, window=60),
    Rule("erasure", rx(r"\b(?:get|take)\s+(?:my|me|all|our)\b[^.!?\n]{0,30}?\b(?:off|out of)\s+(?:your|the|all)\b"), 3),
    Rule("erasure", rx(ERASE_VERB), 1),
)

RESTRICTION = (
    Rule(
        "restriction",
        rx(
            r"\b(?:begrens|avgrens|begräns|begræns|einschränk)\w*\s+(?:\w+\s+){0,2}?(?:behandling\w*|bruk\w*|verarbeitung|processing)"
        ),
        3,
    ),
    Rule(
        "restriction", rx(r"\brestrict\w*\s+(?:the\s+)?processing|restriction of (?:the )?processing|\bsperrung\b"), 3
    ),
    Rule("restriction", rx(r"\bart(?:ikkel|icle|ikel)?\.?\s*18\b"), 2),
    Rule(
        "restriction",
        rx(rf"\b(?:{NOT})\s+(?:slett|delete|lösch|radera)\w*[^.!?\n]{{0,60}}?\b(?:ennå|enno|endå|enda|yet|noch)\b"),
        3,
    ),
    Rule(
        "restriction",
        rx(
            rf"\b(?:{NOT})\s+(?:bruk\w*|use|nytt\w*|share|del\w*)(?:\s+(?:or|eller|og)\s+\w+)?\s+(?:dem|dei|de|it|them|opplysning\w*)\b"
            r"(?:\s+(?:til|for)\s+(?:noe|noko|anything)\s+(?:annet|anna|else))?"
        ),
        2,
    ),
    Rule(
        "restriction",
        rx(
            r"\b(?:freeze|frys|sperr|block|lock|suspend|pause)\w*\s+(?:\w+\s+){0,2}?(?:records?|data|opplysning\w*|daten|account|konto\w*|processing|behandling\w*)"
        ),
        3,
    ),
    Rule(
        "restriction",
        rx(
            r"\b(?:midlertidig|mellombels|temporar\w*|vorübergehend|tillfälligt|for now|inntil videre|for the time being)\b"
        ),
        2,
        near=rx(
            r"stans\w*|stopp\w*|stop\w*|pause\w*|freeze|frys\w*|sperr\w*|halt\w*|suspend\w*|begrens\w*|restrict\w*"
        ),
        window=40,
    ),
    Rule(
        "restriction",
        rx(r"\b(?:limit|begrens|avgrens|begräns|begræns|einschränk|beschränk)\w*"),
        2,
        near=ME_OR_DATA,
        window=40,
    ),
    Rule(
        "restriction",
        rx(
            r"storage only|only (?:store|keep)|kun lagr\w*|bare lagr\w*|berre lagr\w*|nur (?:speicher|aufbewahr)\w*|endast lagr\w*"
        ),
        3,
    ),
    Rule(
        "restriction",
        rx(r"court case|\bbevis\b|legal claim|rettssak|forsikringssak|\bevidence\b|søksmål|\bdispute\b|\btvist\w*"),
        1,
    ),
    Rule(
        "restriction",
        rx(
            r"\binntil saken|while you verify|mens dere undersøker|\btil (?:de|dere) har sjekk\w*|\buntil\b[^.!?\n]{0,40}\b(?:resolved|over)\b"
        ),
        1,
    ),
)

PORTABILITY = (
    Rule("portability", rx(r"\bportabilit\w*|dataportabilitet|datenübertragbarkeit"), 3),
    Rule(
        "portability", rx(r"maskinlesbar\w*|machine[- ]readable|maskinläsbar\w*|maskinlæsbar\w*|maschinenlesbar\w*"), 3
    ),
    Rule(
        "portability",
        rx(
            r"\b(?:overfør\w*|flytt\w*|transmit\w*|transfer\w*|move|take|ta|byt\w*|switch\w*)\b[^.!?\n]{0,60}?\b(?:til|to|over til|når|when)\s+"
            r"(?:en |ein |ei |eit |a |my |min |mi |eg |i )?(?:\w+\s+)?(?:annen|anna|annan|ny|nye|new|another|other|byter|switch\w*)\s+"
            r"(?:leverandør\w*|tilbyder\w*|provider|supplier|property manager|forvalt\w*|selskap\w*|company|landlord\w*|utleier\w*|system\w*)"
        ),
        3,
    ),
    Rule(
        "portability",
        rx(
            r"\b(?:transmit\w*|send\w*|overfør\w*|flytt\w*|move|transfer\w*)\b[^.!?\n]{0,50}?\b(?:directly|direkte|direkt)\s+(?:over\s+)?(?:to|til|till|an)\b"
        ),
        3,
    ),
    Rule(
        "portability",
        rx(
            r"\b(?:eksport\w*|export\w*)\b[^.!?\n]{0,30}?\b(?:csv|json|xml|excel|format)\b|\b(?:csv|json)\b",
            r"\b(?:i ei fil|i en fil|as a file|in a file|standard format|structured format|strukturert format|gängigen format)\b",
        ),
        2,
    ),
    Rule("portability", rx(r"\bta (?:dei|dem|det|den) med(?: meg)?\b|\bta med meg\b|\btake (?:it|them) with me\b"), 1),
)

OBJECTION = (
    Rule(
        "objection",
        rx(
            r"\bprotester\w*|\bobjection\b|\bobject(?:s|ing)? to\b|right to object|\bwidersp\w*|motsätter mig|\binvänd\w*|\bindsigelse\b"
        ),
        3,
    ),
    Rule("objection", rx(r"\breserver\w*\s+(?:meg|mig)\s+mot|\breservasjon mot|frabeder mig"), 3),
    Rule(
        "objection",
        rx(r"\bopt(?:ing)?[- ]?(?:me\s+)?out\b|\bmeld\w*\s+(?:meg|mig)\s+(?:ut|av)\b|\bunsubscribe me\b"),
        3,
    ),
    Rule("objection", rx(rf"\b(?:{_STOP})\s+(?:å\s+|att\s+|at\s+|with\s+|med\s+å\s+)?(?:{_CONTACT})"), 3),
    Rule(
        "objection",
        rx(
            r"\b(?:ikke|ikkje|no)\s+(?:flere|fleire|more)\s+(?:reklame\w*|e-?post\w*|sms\w*|e-?mails?|calls?|mails?|oppringing\w*)"
        ),
        3,
    ),
    Rule("objection", rx(rf"\b(?:{WANT_NOT}|{NOT})\b[^.!?\n]{{0,60}}?(?:{MARKETING}|\bprofil\w*)"), 3),
    Rule(
        "objection",
        rx(
            rf"\b(?:{WANT_NOT})\s+(?:ha\s+|have\s+|få\s+|receive\s+|any\s+)?(?:slike\s+|such\s+|flere\s+|fleire\s+|more\s+)?"
            r"(?:henvendels|oppringing|telefon|calls|sms|e-?post|e-?mails|mails|kontakt)\w*"
        ),
        3,
    ),
    Rule(
        "objection",
        rx(
            r"\b(?:ringer|ringe|call\w*|sender|send\w*|kontakter|contact\w*|mailer)\s+(?:meg|me|mig|mich)\b[^.!?\n]{0,20}?"
            r"\b(?:for å|to|for|um)\s+(?:å\s+)?(?:selge|sell|tilby|offer|markedsføre|promote|verkaufen)"
        ),
        3,
    ),
    Rule("objection", rx(_MAILING_LIST), 3),
    Rule("objection", rx(MARKETING), 1),
    Rule(
        "objection",
        rx(
            r"\bstanse dette\b|\bstop this\b|\bstopp dette\b|stop doing that|slutt med det|want to be contacted|bli kontakt\w*"
        ),
        1,
    ),
)

WITHDRAW_CONSENT = (
    Rule(
        "withdraw-consent",
        rx(
            r"\b(?:trekk\w*|træk\w*|drar|dra|tar|tek|take)\b[^.!?\n]{0,40}?\b(?:tilbake|attende|tillbaka|tilbage|back)\b"
        ),
        3,
        near=CONSENT,
        window=50,
    ),
    Rule(
        "withdraw-consent",
        rx(r"\b(?:withdraw\w*|revok\w*|widerruf\w*|widerrufe|återkall\w*|tilbagekald\w*|annuller\w*|cancel\w*)\b"),
        3,
        near=CONSENT,
        window=50,
    ),
    Rule(
        "withdraw-consent",
        rx(
            r"\b(?:fjern\w*|slett\w*|remove|delete|ta bort)\s+(?:\w+\s+)?(?:samtyk\w*|consent\w*|samtyck\w*|einwilligung\w*)"
        ),
        3,
    ),
    Rule(
        "withdraw-consent",
        rx(
            r"\b(?:ikke|ikkje|no|nicht|inte)\s+(?:lenger|lengre|longer|mehr|längre)\b[^.!?\n]{0,30}?(?:samtyk|consent|einwillig|samtyck|agree)"
        ),
        3,
    ),
    Rule(
        "withdraw-consent",
        rx(r"\b(?:ikke|ikkje|no|nicht|inte)\s+(?:lenger|lengre|longer|mehr|längre)\b"),
        3,
        near=CONSENT,
        window=70,
    ),
    Rule("withdraw-consent", CONSENT, 1),
)

AUTOMATED_DECISION = (
    Rule(
        "automated-decision",
        rx(
            r"\bautomat\w*\s+(?:\w+\s+)?(?:avgjørels|avgjerd|beslut|vurdering|profiler|afgørels|entscheid|decision|scor)\w*",
            r"\bhelautomatis\w*|automated[- ]decision\w*|\bautomated profiling",
        ),
        3,
    ),
    Rule(
        "automated-decision",
        rx(
            r"\b(?:avslått|avslegen|avvist|rejected|refused|declined|abgelehnt|afvist|avslagen)\b[^.!?\n]{0,30}?\bautomati\w*",
            r"\bautomati\w*\s+(?:avslått|avslegen|avvist|rejected|afvist)",
        ),
        3,
    ),
    Rule(
        "automated-decision",
        rx(
            r"\b(?:maskin\w*|computer|algoritm\w*|algorithm\w*|dataprogram\w*)\b[^.!?\n]{0,30}?\b(?:bestemte|bestemde|avgjorde|decided|made the decision|avgjerd\w*)",
            r"decision made by (?:a |an )?(?:computer|machine|algorithm)",
        ),
        3,
    ),
    Rule(
        "automated-decision",
        rx(
            r"\b(?:automat\w*|algorit\w*|algorithm\w*)\s+(?:\w+\s+)?(?:system|tool|program|process|screening|filter|verktøy|sortering)\w*"
        ),
        2,
    ),
    Rule(
        "automated-decision",
        rx(
            r"\b(?:denied|rejected|refused|declined|avslo|avslått|avviste|avvist|sorterte bort|filtered out|screened out|abgelehnt|afvist|avslog)\b"
        ),
        2,
        near=rx(r"\bautomat\w*|algorit\w*|algorithm\w*|\bsystem\w*"),
        window=40,
    ),
    Rule(
        "automated-decision",
        rx(
            r"\b(?:et|eit|ein|en|a|someone|somebody|noen|nokon|jemand|någon|nogen)\s+(?:\w+\s+)?(?:menneske\s+|person\s+|human\s+)?"
            r"(?:ser på|sjå på|se på|vurderer|vurdere|review|look at|reconsider|prüf\w*|granska)",
            r"vurdert av (?:en|ein) (?:person|menneske)|human (?:review|intervention)|manuell (?:behandling|vurdering|overprøving)",
            r"menneskelig (?:overprøving|vurdering|behandling)|menneskeleg (?:overprøving|vurdering)",
        ),
        2,
    ),
    Rule(
        "automated-decision",
        rx(r"credit scor\w*|kredittscor\w*|scoring[- ]?(?:tool|system|model)\w*|scoringssystem\w*|\brisk score"),
        2,
    ),
    Rule(
        "automated-decision",
        rx(
            r"\b(?:contest|challenge|appeal|bestride|overprøv)\w*\s+(?:the |this )?(?:decision|avgjørelsen|vedtaket)|\bwants? to appeal\b"
        ),
        2,
    ),
    Rule("automated-decision", rx(r"\bart(?:ikkel|icle|ikel)?\.?\s*22\b"), 3),
    Rule("automated-decision", rx(r"\bprofiler\w*|\bprofiling\b|\bprofilierung\b"), 1),
)

RIGHTS_RULES = (
    *ACCESS,
    *RECTIFICATION,
    *ERASURE,
    *RESTRICTION,
    *PORTABILITY,
    *OBJECTION,
    *WITHDRAW_CONSENT,
    *AUTOMATED_DECISION,
)
