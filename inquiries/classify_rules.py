"""Phrase rules for the inquiry classifier: what counts as evidence of each request type, and how much."""

from __future__ import annotations

import re
from dataclasses import dataclass


def rx(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the alternatives."""
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """A phrase that is evidence of `type` with `weight`; with `near`, only when that also occurs within
    `window` characters of the phrase (a verb like "slette" says little until it has an object)."""

    type: str
    pattern: re.Pattern[str]
    weight: int
    near: re.Pattern[str] | None = None
    window: int = 80


# A type is reported when its rules add up to at least this; weight-1 rules are hints that need company.
THRESHOLD = 2

# Whose data: the writer, or the person a colleague relays for.
ME = (
    r"\b(?:meg|mig|me|my|mine?|mitt|mi|mina|mich|mir|meine?[nmrs]?|ham|henne|him|her|his|hans|hennes|ho|si|sitt|sine)\b"
)
# What data: the nouns a request points at.
DATA = (
    r"(?:person)?op?plysning\w*|personuppgift\w*|uppgift\w*|personenbezogen\w*|\bdaten\b|\bdata\b|\binfo\w*|\bkonto\w*"
    r"|\baccount\w*|\bprofil\w*|\bcv\w*|søknad\w*|\bapplication\w*|e-?post\w*|e-?mail\w*|nummer\w*|\brecords?\b|opptak\w*"
    r"|recording\w*|\bdetails\b|\bnumber\b|\bfil(?:e|a|en)?\b|kundenkonto\w*"
)
ME_OR_DATA = rx(ME, DATA)
CONSENT = rx(r"samtyk\w*|consent\w*|einwilligung\w*|samtyck\w*")
MARKETING = (
    r"markedsføring\w*|marknadsføring\w*|\bmarketing\b|\breklam\w*|\bwerb\w*|direktmarknadsföring|nyhetsbrev\w*|nyheitsbrev\w*"
    r"|newsletter\w*|\btilbud\b|\boffers\b|promotion\w*|advertis\w*|market research|kundeundersøk\w*|\bsurvey\w*|\bsms\b"
)
_PERSON_FIELD = (
    r"adress\w*|navn\w*|namn\w*|name|efternamn\w*|nachname\w*|fødsels\w*|date of birth|birth ?date|geburts\w*|telefon\w*"
    r"|mobil\w*|phone|kontonummer\w*|account number|personnummer\w*|e-?post\w*|e-?mail\w*|surname|spelling|stavemåte"
)
_ERASE_VERB = (
    r"\b(?:slett(?:e|er|ar|es|ast|ing|inga|et)?|slet|sletning\w*|delet(?:e|ed|ing|ion)|eras(?:e|ed|ure)|remove|radera\w*"
    r"|lösch\w*|tilintetgør\w*|fjern(?:e|er|ar|es)?|wipe|purge|get rid of|entfern\w*|ta bort|taka bort)\b"
)
_AUTHORITY = (
    r"datatilsynet|supervisory authority|data protection authority|integritetsskyddsmyndigheten|\bimy\b"
    r"|datenschutzbehörde|aufsichtsbehörde|\btilsynet\b|datainspektionen"
)
_STOP = r"stop|stopp\w*|slutt|sluta|quit|cease|hør op|halt|aufhören|hören sie auf"
_CONTACT = r"send\w*|ring\w*|call\w*|skicka|contact\w*|kontakt\w*|mail\w*|e-?post\w*|schick\w*|text\w*"
_NOT = r"ikke|ikkje|don'?t|do not|not|nicht|inte|no longer"
_WANT_NOT = r"vil ikke|vil ikkje|ønsker ikke|ønskjer ikkje|ynskjer ikkje|don'?t want|do not want|möchte nicht|will nicht|vill inte"

RULES: tuple[Rule, ...] = (
    # Art. 15 access.
    Rule("access", rx(r"\binn?syn(?:s?rett\w*|sbegjæring\w*|sforespørsel\w*)?\b"), 3),
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
    Rule("access", rx(r"\bkopie (?:meiner|aller|der)\b[^.?!\n]{0,30}?daten"), 3),
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
            r"subject access|right of access|\baccess request",
            r"access to (?:my|the|all) (?:personal )?(?:data|information)",
        ),
        3,
    ),
    Rule("access", rx(r"registerutdrag|\bindsigt\b|\bauskunft\w*|dataöversikt"), 3),
    Rule("access", rx(r"\bart(?:ikkel|icle|ikel)?\.?\s*15\b"), 2),
    Rule("access", rx(r"(?:opptak\w*|recordings?|footage|video\w*)\s+(?:av|of)\s+(?:meg|me|mig|mich)\b"), 2),
    Rule(
        "access",
        rx(r"\butlever\w*|\bhand over\b|\bsend me\b"),
        1,
        near=rx(r"opptak|recording|footage|op?plysning|\bdata\b"),
    ),
    # Art. 16 rectification.
    Rule(
        "rectification",
        rx(r"\bretting\b|\brettelse\b|\brectif\w*|\bberichtig\w*|\brätta\w*|\bkorriger\w*|\bkorrig\w*"),
        3,
    ),
    Rule("rectification", rx(r"\brett(?:e|a)?\s+(?:opp|det|dette|den|feilen|adressa|adressen|navnet|namnet)\b"), 3),
    Rule("rectification", rx(rf"\bfeil\w*\s+(?:\w+\s+)?(?:{_PERSON_FIELD}|registrert|stavet|stava)"), 3),
    Rule(
        "rectification",
        rx(
            r"\b(?:er|står|stod|stavet|stava|registrert|skrevet|skrive|skriven)\s+feil\b|\bforkert\w*|\burigtig\w*|\bfelaktig\w*"
        ),
        3,
    ),
    Rule(
        "rectification",
        rx(r"\bmisspel\w*|\bincorrect\w*|\binaccurate\b|\bwrong (?:address|name|date|number|email|spelling|details)"),
        3,
    ),
    Rule(
        "rectification",
        rx(
            r"\b(?:have|has|got)\s+my\s+(?:\w+\s+){1,3}wrong\b|\bfalsch\w*\s+(?:\w+\s+)?(?:geschrieben|gespeichert|eingetragen)"
        ),
        3,
    ),
    Rule("rectification", rx(r"\bcorrect(?:ed|ing|ion)?\b"), 3, near=ME_OR_DATA, window=60),
    Rule(
        "rectification",
        rx(r"\butdatert\w*|\bforeldet\b|\bout of date\b|\boutdated\b|\bveraltet\w*|\bföråldrad\w*"),
        2,
        near=rx(_PERSON_FIELD, DATA),
    ),
    Rule(
        "rectification",
        rx(r"\b(?:endre|endra|ændre|ändra|ändern|change|fix|oppdater\w*|update|aktualisier\w*|uppdatera)\b"),
        2,
        near=rx(_PERSON_FIELD, r"\brecords?\b|\bdetails\b"),
        window=50,
    ),
    Rule("rectification", rx(r"\bold address\b|\bgammel adresse\b|\bny adresse\b|\bnew address\b|\bneue adresse\b"), 1),
    # Art. 17 erasure.
    Rule("erasure", rx(r"forget me|right to be forgotten|bli glemt|vergessen werden|bli glömd|\bglem meg\b"), 3),
    Rule(
        "erasure", rx(r"\b(?:slett|slette|slet|delete|erase|remove|radera|fjern|entferne)\s+(?:meg|me|mig|mich)\b"), 3
    ),
    Rule("erasure", rx(r"krav om sletting|request for erasure|begäran om radering|antrag auf löschung|sletting av"), 3),
    Rule("erasure", rx(_ERASE_VERB), 3, near=ME_OR_DATA, window=60),
    Rule("erasure", rx(_ERASE_VERB), 1),
    # Art. 18 restriction.
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
        rx(rf"\b(?:{_NOT})\s+(?:slett|delete|lösch|radera)\w*[^.!?\n]{{0,60}}?\b(?:ennå|enno|endå|enda|yet|noch)\b"),
        3,
    ),
    Rule(
        "restriction",
        rx(
            rf"\b(?:{_NOT})\s+(?:bruk\w*|use|nytt\w*|share|del\w*)(?:\s+(?:or|eller|og)\s+\w+)?\s+"
            r"(?:dem|dei|de|it|them|opplysning\w*)\b(?:\s+(?:til|for)\s+(?:noe|noko|anything)\s+(?:annet|anna|else))?"
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
        rx(r"\bbevis\b|legal claim|rettssak|forsikringssak|\bevidence\b|søksmål|\bdispute\b|\btvist\w*"),
        1,
    ),
    Rule(
        "restriction",
        rx(
            r"\binntil saken|while you verify|mens dere undersøker|\btil (?:de|dere) har sjekk\w*|\buntil\b[^.!?\n]{0,40}\bresolved\b"
        ),
        1,
    ),
    # Art. 20 portability.
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
    Rule("portability", rx(r"\b(?:transmit\w*|send\w*|overfør\w*)\b[^.!?\n]{0,50}?\b(?:directly to|direkte til)\b"), 2),
    Rule(
        "portability",
        rx(
            r"\b(?:eksport\w*|export\w*)\b[^.!?\n]{0,30}?\b(?:csv|json|xml|excel|format)\b|\b(?:csv|json)\b",
            r"\b(?:i ei fil|i en fil|as a file|in a file|standard format|structured format|strukturert format|gängigen format)\b",
        ),
        2,
    ),
    Rule("portability", rx(r"\bta (?:dei|dem|det|den) med(?: meg)?\b|\bta med meg\b|\btake (?:it|them) with me\b"), 1),
    # Art. 21 objection.
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
    Rule("objection", rx(rf"\b(?:{_WANT_NOT}|{_NOT})\b[^.!?\n]{{0,60}}?(?:{MARKETING})"), 3),
    Rule(
        "objection",
        rx(
            r"\b(?:slett|fjern|ta|remove|take|stryk)\w*\s+(?:meg|mig|me)\s+(?:ut\s+|off\s+|bort\s+)?(?:fra|frå|av|from|off)\s+(?:\w+\s+){0,2}?"
            r"(?:nyhetsbrev|nyheitsbrev|e-?postlist|sms-?list|mailingl|newsletter|mailing list|utsendel|list)\w*"
        ),
        3,
    ),
    Rule("objection", rx(MARKETING), 1),
    Rule("objection", rx(r"\bstanse dette\b|\bstop this\b|\bstopp dette\b|want to be contacted|bli kontakt\w*"), 1),
    # Art. 7(3) withdrawal of consent.
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
    Rule("withdraw-consent", CONSENT, 1),
    # Art. 22 automated decisions.
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
            r"\b(?:avslått|avslegen|avvist|rejected|refused|declined|abgelehnt|afvist|avslagen)\b[^.!?\n]{0,30}?\bautomati\w*|\bautomati\w*\s+(?:avslått|avslegen|avvist|rejected|afvist)"
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
            r"\b(?:et|eit|ein|en|a)\s+(?:menneske|person|human)\s+[^.!?\n]{0,20}?(?:ser på|vurderer|review|look at|reconsider)",
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
    # Complaint to (or from) the supervisory authority (Art. 77).
    Rule(
        "complaint",
        rx(r"\b(?:klag\w*|beschwer\w*|complain\w*|anmäl\w*|anmeld\w*|reported)\b"),
        3,
        near=rx(_AUTHORITY),
        window=60,
    ),
    Rule(
        "complaint",
        rx(
            r"(?:har mottatt|har motteke|mottatt)\s+(?:en |ei |ein )?klage|received a complaint",
            r"(?:lodged|filed|filing|lodging|submitted) a complaint",
        ),
        3,
    ),
    Rule(
        "complaint",
        rx(
            r"\b(?:formell|formal)\s+(?:klage|complaint)|\bjeg klager\b|\beg klagar\b|\bklager herved|\bi (?:wish to )?complain\b|\bklagomål\b|\bbeschwerde\b"
        ),
        2,
    ),
    Rule("complaint", rx(_AUTHORITY), 1),
    # Reminders about an earlier request.
    Rule("reminder", rx(r"\bpurr\w*|\bpåminn\w*|\breminder\b|\berinnerung\b|\bmahnung\b|\brykker\b|\bnachfrage\b"), 3),
    Rule(
        "reminder",
        rx(
            r"\bviser til (?:min|mi|mitt|mine|vår|vårt)\s+(?:\w+\s+)?(?:henvend\w*|forespørs\w*|førespurnad\w*|e-?post\w*|brev\w*|krav\w*|begjæring\w*|melding\w*|mail\w*)",
            r"\b(?:my|min|mi|mitt|mein\w*)\s+(?:\w+\s+){0,2}(?:request|forespørsel|henvendelse|førespurnad|anfrage|begäran|e-?mail|e-?post|brev|letter)\s+"
            r"(?:from|of|dated|sent|av|fra|frå|datert|vom|den)\s+(?:the\s+)?\d",
        ),
        3,
    ),
    Rule(
        "reminder",
        rx(
            r"\b(?:har|have|has|haven't|hasn't)\s+(?:fortsatt\s+|ennå\s+|enno\s+|still\s+|endnu\s+|noch\s+)?(?:ikke\s+|ikkje\s+|not\s+|inte\s+|nicht\s+)?"
            r"(?:ennå\s+|enno\s+|yet\s+)?(?:fått|fenge|received|heard|hørt|høyrt|modtaget|erhalten)\s*(?:noe\s+|noko\s+|any\s+|a\s+|noget\s+)?"
            r"(?:svar|reply|response|back|answer|noe|noko|fra dere|frå dykk|from you|antwort)",
            r"\bstill no (?:reply|response|answer)|\bno (?:reply|response) (?:yet|so far)|ingen svar ennå|noch keine antwort|bisher keine antwort",
        ),
        2,
    ),
    Rule(
        "reminder",
        rx(
            r"\b(?:jeg|eg|i|han|hun|ho|she|he)\s+(?:sendte|sende|skrev|wrote|sent|ba|bad|asked)\b[^.!?\n]{0,60}?"
            r"(?:\b\d{1,2}\.?\s?[a-zæøå]{3,}|\b(?:for|over)\s+\w+\s+(?:uker|veker|dager|dagar|måneder|månader)\s+siden|\b\w+\s+(?:weeks|days|months)\s+ago)",
            r"\b(?:gått|passed|been|gått over)\s+(?:\w+\s+){0,2}(?:uker|veker|dager|dagar|måneder|månader|weeks|days|months)\b",
        ),
        2,
    ),
    Rule(
        "reminder",
        rx(
            r"second request|\bandre gang\b|follow(?:ing)?[- ]up\b|still waiting|venter fortsatt|\boverdue\b|more than a month|over en måned|mer enn en måned"
        ),
        2,
    ),
    Rule("reminder", rx(r"\bminner om\b|weeks ago|\buker siden\b|sagt fra før|already told you"), 1),
)
