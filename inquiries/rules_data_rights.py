"""Phrase rules for the rights over the data itself (Art. 15-18): access, rectification, erasure, restriction."""

from __future__ import annotations

from inquiries.classify_vocab import DATA, ERASE_VERB, HELD_ABOUT_ME, ME, ME_OR_DATA, NOT, PERSON_FIELD, Rule, rx

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
        rx(
            r"\bcopy of\b[^.?!\n]{0,40}?(?:data|information|records?|file|everything|photos|notes|recordings?|footage|what (?:you|we) (?:hold|have|keep|store))"
        ),
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
            r"|sende|få|fått|receive|copy|kopi|list|liste|mitteilen|bekreft\w*|confirm\w*|bestätig\w*|bekräfta\w*|bekræft\w*)\b"
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
            r"\b(?:er|is|ist|är|was|står|stod)\s+(?:\w+\s+)?(?:feil|wrong|falsch|fel|forkert|gammel|gamal|old|outdated|utdatert|incorrect|uriktig|ikke riktig|ikkje rett|ikke korrekt"
            r"|not correct|not right|nicht (?:mehr )?(?:richtig|korrekt|aktuell)|inte (?:rätt|korrekt)|ikke rigtig)\b"
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
        near=rx(PERSON_FIELD, r"\brecords?\b|\bdetails\b|\bregister\w*"),
        window=80,
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
    Rule("rectification", rx(rf"\b(?:old|gammel|gamle|gamal|ny|nytt|nye|new|neue?n?|nya|nyt)\s+(?:{PERSON_FIELD})"), 1),
)

ERASURE = (
    Rule("erasure", rx(r"forget me|right to be forgotten|bli glemt|vergessen werden|bli glömd|\bglem meg\b"), 3),
    Rule(
        "erasure",
        rx(
            r"\b(?:vergess\w*|forget|glem(?:me|mer)?|glöm\w*)\s+(?:\w+\s+){0,2}?(?:meg|me|mich|mig)\b",
            r"\b(?:alt|alles|everything|allt)\s+(?:\w+\s+){0,2}?(?:om|über|about)\s+(?:meg|mich|me|mig)\s+(?:\w+\s+)?(?:vergess\w*|forget|glemme|glömma)",
        ),
        3,
    ),
    Rule(
        "erasure", rx(r"\b(?:slett|slette|slet|delete|erase|remove|radera|fjern|entferne)\s+(?:meg|me|mig|mich)\b"), 3
    ),
    Rule("erasure", rx(r"krav om sletting|request for erasure|begäran om radering|antrag auf löschung|sletting av"), 3),
    Rule("erasure", rx(ERASE_VERB), 3, near=ME_OR_DATA, window=60),
    Rule("erasure", rx(r"\b(?:get|take)\s+(?:my|me|all|our)\b[^.!?\n]{0,30}?\b(?:off|out of)\s+(?:your|the|all)\b"), 3),
    Rule(
        "erasure",
        rx(
            # A sentence's start: after a stop, or at a line break (from the whitespace before it), each blank
            # read once: "[.!?\n]\s*" rescanned a run of blank lines from every line in it (quadratic time).
            r"(?:^|[.!?]\s*+|(?<!\s)[^\S\n]*+\n\s*+)(?:vennligst\s+|please\s+|bitte\s+)?(?:slett|fjern|delete|remove|erase|radera|lösche|entferne|slet)\s+"
            r"(?:dem|dei|det|den|them|it|sie|dom)\b"
        ),
        2,
    ),
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
            r"\b(?:midlertidig|mellombels|temporar\w*|vorübergehend|tillfälligt|for now|inntil videre|for the time being|mens|medan|while"
            r"|pending|solange|während|inntil|until)\b"
        ),
        2,
        near=rx(
            r"stans\w*|stopp\w*|stogg\w*|stop\w*|pause\w*|freeze|frys\w*|sperr\w*|halt\w*|suspend\w*|begrens\w*|avgrens\w*|restrict\w*"
        ),
        window=60,
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
            r"\b(?:før|until|till|bis|inntil|innan|medan|mens|while)\s+(?:\w+\s+){0,4}?(?:er|is|ist|är|vert|blir|has been)\s+(?:løst|resolved|avklart|avgjort|settled|decided|ferdig|over|geklärt|handsama|behandlet|closed)\b"
        ),
        2,
    ),
    Rule(
        "restriction",
        rx(
            r"\b(?:ikke|ikkje|nothing|nichts|inte)\s+(?:gjøre|gjere|do|göra|mehr)?\s*(?:noe|noko|anything|något|more)?\s*(?:mer|meir|more|mehr)?\s+(?:med|with|mit)\s+(?:opplysning\w*|data|daten|dem|dei|them|mine|my)"
        ),
        2,
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
