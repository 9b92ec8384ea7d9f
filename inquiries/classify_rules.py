"""Phrase rules for the inquiry classifier: what counts as evidence of each request type, and what masks it."""

from __future__ import annotations

import re
from dataclasses import dataclass


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """A phrase that is evidence of `type` with `weight`; with `near`, only when that also occurs within
    `window` characters of the phrase (a verb like "slette" says little until it has an object)."""

    type: str
    pattern: re.Pattern[str]
    weight: int
    near: re.Pattern[str] | None = None
    window: int = 80


@dataclass(frozen=True)
class Mask:
    """A phrase inside which rules for `types` do not count ("slett meg fra nyhetsbrevet" is no erasure
    request); with `whole_text`, those types do not count anywhere in the text."""

    pattern: re.Pattern[str]
    types: tuple[str, ...]
    whole_text: bool = False


# A type is reported when its rules add up to at least this; weight-1 rules are hints that need company.
THRESHOLD = 2

# Whose data: the writer (or the person a colleague is relaying for), in the six languages.
_ME = (
    r"\b(?:meg|mig|me|my|mine?|mitt|mi|mina|mich|mir|meine?[nmrs]?|ham|henne|him|her|his|hans|hennes|ho|si|sitt|sine)\b"
)
# What data: nouns a request points at.
_DATA = (
    r"(?:person)?op?plysning\w*|personuppgift\w*|uppgift\w*|personenbezogen\w*|\bdaten\b|\bdata\b|\binfo\w*"
    r"|\bkonto\w*|\baccount\w*|\bprofil\w*|\bcv\w*|søknad\w*|\bapplication\w*|e-?post\w*|e-?mail\w*|nummer\w*"
    r"|\brecords?\b|opptak\w*|recording\w*|\bdetails\b|\bnumber\b"
)
_ME_OR_DATA = _rx(f"{_ME}|{_DATA}")
_CONSENT = _rx(r"samtyk\w*|consent\w*|einwilligung\w*|samtyck\w*")

_ERASE_VERB = (
    r"\b(?:slett(?:e|er|ar|es|ast|ing|inga|et)?|sletning\w*|delet(?:e|ed|ing|ion)|eras(?:e|ed|ure)|remove|radera\w*"
    r"|lösch\w*|tilintetgør\w*|fjern(?:e|er|ar|es)?)\b"
)

RULES: tuple[Rule, ...] = (
    # Art. 15 access.
    Rule("access", _rx(r"\binn?syn(?:s?rett\w*|sbegjæring\w*|sforespørsel\w*)?\b"), 3),
    Rule(
        "access",
        _rx(r"\bkopi av\b[^.?!\n]{0,50}?(?:op?plysning|\balt\b|\bdet (?:dere|de|dykk) har|mapp|journal|data|opptak)"),
        3,
    ),
    Rule(
        "access",
        _rx(
            r"\bcopy of\b[^.?!\n]{0,40}?(?:data|information|records?|file|everything|photos|notes|recordings?|footage)"
        ),
        3,
    ),
    Rule(
        "access",
        _rx(
            r"\b(?:hva|kva|hvad|what|vilka|welche|hvilke|hvilken|hvilket|which)\b[^.?!\n]{0,80}?\b(?:om|on|about|over|über)\s+(?:meg|me|mig|mich|ham|henne|him|her)\b"
        ),
        3,
    ),
    Rule(
        "access",
        _rx(
            r"subject access|right of access|\baccess request|access to (?:my|the|all) (?:personal )?(?:data|information)"
        ),
        3,
    ),
    Rule("access", _rx(r"registerutdrag|\bindsigt\b|\bauskunft\w*"), 3),
    Rule("access", _rx(r"\bart(?:ikkel|icle|ikel)?\.?\s*15\b"), 2),
    Rule("access", _rx(r"(?:opptak\w*|recordings?|footage|video\w*)\s+(?:av|of)\s+(?:meg|me|mig|mich)\b"), 2),
    Rule(
        "access",
        _rx(r"\butlever\w*|\bhand over\b|\bsend me\b"),
        1,
        near=_rx(r"opptak|recording|footage|op?plysning|\bdata\b"),
    ),
    # Art. 16 rectification.
    Rule("rectification", _rx(r"\bretting\b|\brettelse\b|\brectif\w*|\bberichtig\w*|\brätta\w*|\bkorriger\w*"), 3),
    Rule("rectification", _rx(r"\brett(?:e|a)?\s+(?:opp|det|dette|den|feilen|adressa|adressen|navnet|namnet)\b"), 3),
    Rule(
        "rectification",
        _rx(
            r"\bfeil\w*\s+(?:\w+\s+)?(?:adress\w*|navn\w*|namn\w*|fødsels\w*|telefonnummer\w*|kontonummer\w*|personnummer\w*|e-?post\w*|registrert|stavet|stava)"
        ),
        3,
    ),
    Rule(
        "rectification",
        _rx(r"\b(?:er|står|stod|stavet|stava|registrert|skrevet)\s+feil\b|\bforkert\w*|\burigtig\w*|\bfelaktig\w*"),
        3,
    ),
    Rule(
        "rectification",
        _rx(r"\bmisspel\w*|\bincorrect\w*|\binaccurate\b|\bwrong (?:address|name|date|number|email|spelling|details)"),
        3,
    ),
    Rule("rectification", _rx(r"\bcorrect(?:ed|ing|ion)?\b"), 3, near=_ME_OR_DATA, window=60),
    Rule("rectification", _rx(r"\bupdate (?:my|your|the) (?:address|records?|details|name|information)"), 2),
    Rule("rectification", _rx(r"\bold address\b|\bgammel adresse\b|\bfalsch\w*"), 1),
    # Art. 17 erasure.
    Rule("erasure", _rx(r"forget me|right to be forgotten|bli glemt|vergessen werden|bli glömd|\bglem meg\b"), 3),
    Rule("erasure", _rx(r"\b(?:slett|slette|delete|erase|remove|radera|fjern)\s+(?:meg|me|mig|mich)\b"), 3),
    Rule(
        "erasure", _rx(r"krav om sletting|request for erasure|begäran om radering|antrag auf löschung|sletting av"), 3
    ),
    Rule("erasure", _rx(_ERASE_VERB), 3, near=_ME_OR_DATA, window=60),
    Rule("erasure", _rx(_ERASE_VERB), 1),
    # Art. 18 restriction.
    Rule("restriction", _rx(r"\b(?:begrens|avgrens|begräns)\w*\s+(?:\w+\s+){0,2}?(?:behandling\w*|bruk\w*)"), 3),
    Rule(
        "restriction",
        _rx(r"\brestrict\w*\s+(?:the\s+)?processing|restriction of (?:the )?processing|einschränkung der verarbeitung"),
        3,
    ),
    Rule("restriction", _rx(r"\bart(?:ikkel|icle|ikel)?\.?\s*18\b"), 2),
    Rule(
        "restriction",
        _rx(
            r"\b(?:ikke|ikkje|don'?t|do not|nicht|inte)\s+(?:slett|delete|lösch|radera)\w*[^.!?\n]{0,60}?\b(?:ennå|enno|endå|enda|yet|noch)\b"
        ),
        3,
    ),
    Rule(
        "restriction",
        _rx(
            r"\b(?:ikke|ikkje|don'?t|do not)\s+(?:bruk\w*|use|nytt\w*)\s+(?:dem|dei|de|it|them|opplysning\w*)\s+(?:til|for)\s+(?:noe|noko|anything)\s+(?:annet|anna|else)"
        ),
        3,
    ),
    Rule("restriction", _rx(r"\bbevis\b|legal claim|rettssak|forsikringssak|\bevidence\b|søksmål"), 1),
    Rule("restriction", _rx(r"\binntil saken|while you verify|mens dere undersøker|\btil (?:de|dere) har sjekk\w*"), 1),
    # Art. 20 portability.
    Rule("portability", _rx(r"\bportabilit\w*|dataportabilitet|datenübertragbarkeit"), 3),
    Rule(
        "portability", _rx(r"maskinlesbar\w*|machine[- ]readable|maskinläsbar\w*|maskinlæsbar\w*|maschinenlesbar\w*"), 3
    ),
    Rule(
        "portability",
        _rx(
            r"\b(?:overfør\w*|flytt\w*|transmit\w*|transfer\w*|move|take|ta)\b[^.!?\n]{0,60}?\b(?:til|to)\s+(?:en |ein |ei |eit |a |my |min |mi )?(?:annen|anna|annan|ny|nye|new|another|other)\s+(?:leverandør\w*|tilbyder\w*|provider|supplier|property manager|forvalt\w*|selskap\w*|company)"
        ),
        3,
    ),
    Rule(
        "portability", _rx(r"\b(?:transmit\w*|send\w*|overfør\w*)\b[^.!?\n]{0,50}?\b(?:directly to|direkte til)\b"), 2
    ),
    Rule(
        "portability", _rx(r"\b(?:eksport\w*|export\w*)\b[^.!?\n]{0,30}?\b(?:csv|json|xml|excel)\b|\b(?:csv|json)\b"), 2
    ),
    # Art. 21 objection.
    Rule(
        "objection",
        _rx(r"\bprotester\w*|\bobjection\b|\bobject(?:s|ing)? to\b|\bwidersp\w*|motsätter mig|\bindsigelse\b"),
        3,
    ),
    Rule("objection", _rx(r"\breserver\w*\s+(?:meg|mig)\s+mot|\breservasjon mot"), 3),
    Rule(
        "objection",
        _rx(r"\bopt(?:ing)?[- ]?(?:me\s+)?out\b|\bmeld\w*\s+(?:meg|mig)\s+(?:ut|av)\b|\bunsubscribe me\b"),
        3,
    ),
    Rule(
        "objection",
        _rx(
            r"\b(?:stop|stopp\w*|slutt|sluta|quit|cease|hør op)\s+(?:å\s+|att\s+|at\s+|with\s+)?(?:send\w*|ring\w*|call\w*|skicka|contact\w*|kontakt\w*|mail\w*|e-?post\w*)"
        ),
        3,
    ),
    Rule(
        "objection",
        _rx(
            r"\b(?:ikke|ikkje|no)\s+(?:flere|fleire|more)\s+(?:reklame\w*|e-?post\w*|sms\w*|e-?mails?|calls?|mails?|oppringing\w*)"
        ),
        3,
    ),
    Rule(
        "objection",
        _rx(
            r"\b(?:slett|fjern|ta|remove|take)\w*\s+(?:meg|mig|me)\s+(?:ut\s+|off\s+)?(?:fra|frå|av|from|off)\s+(?:\w+\s+){0,2}?(?:nyhetsbrev|nyheitsbrev|e-?postlist|sms-?list|mailingl|newsletter|mailing list|utsendel|list)\w*"
        ),
        3,
    ),
    Rule(
        "objection",
        _rx(
            r"markedsføring|marknadsføring|\bmarketing\b|\breklame\w*|\breklam\b|\bwerb\w*|direktmarknadsföring|nyhetsbrev|nyheitsbrev|newsletter"
        ),
        1,
    ),
    Rule("objection", _rx(r"\bstanse dette\b|\bstop this\b|\bstopp dette\b|want to be contacted|bli kontakt\w*"), 1),
    # Art. 7(3) withdrawal of consent.
    Rule("withdraw-consent", _rx(r"\btrekk\w*\b[^.!?\n]{0,40}?\b(?:tilbake|attende)\b"), 3, near=_CONSENT, window=50),
    Rule(
        "withdraw-consent",
        _rx(r"\b(?:withdraw\w*|revok\w*|widerruf\w*|widerrufe|återkall\w*|tilbagekald\w*)\b"),
        3,
        near=_CONSENT,
        window=50,
    ),
    Rule(
        "withdraw-consent",
        _rx(
            r"\b(?:ikke|ikkje|no|nicht|inte)\s+(?:lenger|lengre|longer|mehr|längre)\b[^.!?\n]{0,30}?(?:samtyk|consent|einwillig|samtyck)"
        ),
        3,
    ),
    Rule("withdraw-consent", _CONSENT, 1),
    # Art. 22 automated decisions.
    Rule(
        "automated-decision",
        _rx(
            r"\bautomatiser\w*\s+(?:\w+\s+)?(?:avgjørels\w*|avgjerd\w*|beslutning\w*|vurdering\w*|profiler\w*)|\bhelautomatis\w*|automated[- ]decision\w*|automatisierte\w* entscheidung\w*|automatiserat beslut\w*|\bautomated profiling"
        ),
        3,
    ),
    Rule(
        "automated-decision",
        _rx(
            r"\b(?:avslått|avslegen|avvist|avvist|rejected|refused|declined|abgelehnt)\b[^.!?\n]{0,30}?\bautomatisk\w*|\bautomatisk\w*\s+(?:avslått|avslegen|avvist|rejected)"
        ),
        3,
    ),
    Rule(
        "automated-decision",
        _rx(
            r"\b(?:maskin\w*|computer|algoritm\w*|algorithm\w*|dataprogram\w*)\b[^.!?\n]{0,30}?\b(?:bestemte|bestemde|avgjorde|decided|made the decision|avgjerd\w*)|decision made by (?:a |an )?(?:computer|machine|algorithm)"
        ),
        3,
    ),
    Rule(
        "automated-decision",
        _rx(
            r"\b(?:et|eit|ein|en|a)\s+(?:menneske|person|human)\s+[^.!?\n]{0,20}?(?:ser på|ser på|vurderer|review|look at|reconsider)|vurdert av (?:en|ein) (?:person|menneske)|human (?:review|intervention)|manuell (?:behandling|vurdering)"
        ),
        2,
    ),
    Rule("automated-decision", _rx(r"credit scor\w*|kredittscor\w*|scoring[- ]?(?:tool|system|model)|\brisk score"), 2),
    Rule(
        "automated-decision",
        _rx(r"\b(?:contest|challenge|appeal|bestride)\w*\s+(?:the |this )?decision|\bwants? to appeal\b"),
        2,
    ),
    Rule("automated-decision", _rx(r"\bart(?:ikkel|icle|ikel)?\.?\s*22\b"), 3),
    Rule("automated-decision", _rx(r"\bprofiler\w*|\bprofiling\b|\bprofilierung\b"), 1),
    # Complaint to (or from) the supervisory authority (Art. 77).
    Rule("complaint", _rx(r"\bklag\w*\s+[^.!?\n]{0,40}?\b(?:til|hos|inn til|for)\s+datatilsynet"), 3),
    Rule(
        "complaint",
        _rx(
            r"(?:har mottatt|har motteke|mottatt)\s+(?:en |ei |ein )?klage|received a complaint|complaint (?:with|to) (?:datatilsynet|the (?:\w+ )?(?:data protection|supervisory) authority|the dpa|imy)|(?:lodged|filed|filing|lodging|submitted) a complaint"
        ),
        3,
    ),
    Rule(
        "complaint",
        _rx(
            r"klagomål (?:till|hos) (?:imy|integritetsskyddsmyndigheten|datainspektionen)|beschwerde bei (?:der )?(?:aufsichtsbehörde|datenschutzbehörde)|klage til tilsynet"
        ),
        3,
    ),
    Rule(
        "complaint",
        _rx(
            r"\b(?:formell|formal)\s+(?:klage|complaint)|\bjeg klager\b|\beg klagar\b|\bklager herved|\bi (?:wish to )?complain\b|\bklagomål\b|\bbeschwerde\b"
        ),
        2,
    ),
    Rule(
        "complaint",
        _rx(
            r"datatilsynet|supervisory authority|data protection authority|integritetsskyddsmyndigheten|\bimy\b|datenschutzbehörde|aufsichtsbehörde"
        ),
        1,
    ),
    # Reminders about an earlier request.
    Rule("reminder", _rx(r"\bpurr\w*|\bpåminn\w*|\breminder\b|\berinnerung\b|\bmahnung\b"), 3),
    Rule(
        "reminder",
        _rx(
            r"\bviser til (?:min|mi|mitt|mine|vår|vårt)\s+(?:\w+\s+)?(?:henvend\w*|forespørs\w*|førespurnad\w*|e-?post\w*|brev\w*|krav\w*|begjæring\w*|melding\w*|mail\w*)"
        ),
        3,
    ),
    Rule(
        "reminder",
        _rx(
            r"\b(?:har|have|has|haven't|hasn't)\s+(?:fortsatt\s+|ennå\s+|enno\s+|still\s+)?(?:ikke\s+|ikkje\s+|not\s+|inte\s+|nicht\s+)?(?:ennå\s+|enno\s+|yet\s+)?(?:fått|fenge|received|heard|hørt|høyrt|fått noe|fått noko)\s*(?:noe\s+|noko\s+|any\s+|a\s+)?(?:svar|reply|response|back|answer|noe|noko|fra dere|frå dykk|from you)"
        ),
        2,
    ),
    Rule(
        "reminder",
        _rx(
            r"\b(?:jeg|eg|i|han|hun|ho|she|he)\s+(?:sendte|sende|skrev|wrote|sent|ba|bad|asked)\b[^.!?\n]{0,60}?(?:\b\d{1,2}\.?\s?[a-zæøå]{3,}|\b(?:for|over)\s+\w+\s+(?:uker|veker|dager|dagar|måneder|månader)\s+siden|\b\w+\s+(?:weeks|days|months)\s+ago)"
        ),
        2,
    ),
    Rule(
        "reminder",
        _rx(
            r"second request|\bandre gang\b|follow(?:ing)?[- ]up on my|still waiting|venter fortsatt|\boverdue\b|more than a month|over en måned|mer enn en måned"
        ),
        2,
    ),
    Rule("reminder", _rx(r"\bminner om\b|weeks ago|\buker siden\b|sagt fra før|already told you"), 1),
)

# Questions count only when nothing else does: "what data do you have on me?" is an access request.
QUESTION_TOPIC = _rx(
    r"personvern\w*|op?plysning\w*|personuppgift\w*|\bdata\b|\bdaten\b|datenschutz\w*|\bcv\w*|kamera\w*|opptak\w*|overvak\w*|overvåk\w*|\blagr\w*|slett\w*"
    r"|behandlingsgrunnlag\w*|\bdpo\b|privacy|\bgdpr\b|passport|\bpass\b|transfer\w*|overfør\w*|\bkeep\b|retain\w*|retention|lagringstid"
    r"|\busa\b|\bthe us\b|cookies?|samtyk\w*|consent|bilnummer|kredittsjekk\w*|\btek vare\b|\btar vare\b"
)
QUESTION_CUE = _rx(
    r"\?|\b(?:hvor|kor|how)\s+(?:lenge|long)\b|\b(?:hvem|kven|who|wer|vem)\s+(?:er|is|ist|är)\b|\blurer på\b|\bwondering\b|\bundrar\b"
    r"|\bhar vi lov\b|\bis it legal\b"
)

# Masks: retention questions mention erasure without asking for it; "slett meg fra nyhetsbrevet" is an
# opt-out; "don't delete yet" is the opposite of erasure; a freedom-of-information request uses "innsyn"
# for public documents, not for personal data (LAW.md, Chapter III).
MASKS: tuple[Mask, ...] = (
    Mask(_rx(r"\b(?:hvor|kor|how)\s+(?:lenge|long)\b[^.!?\n]*"), ("erasure",)),
    Mask(_rx(r"\b(?:når|when)\s+(?:sletter|slettar|delete|do you delete)\b[^.!?\n]*"), ("erasure",)),
    Mask(
        _rx(
            r"\b(?:slett|fjern|ta|remove|take)\w*\s+(?:meg|mig|me)\s+(?:ut\s+|off\s+)?(?:fra|frå|av|from|off)\s+(?:\w+\s+){0,2}?(?:nyhetsbrev|nyheitsbrev|e-?postlist|sms-?list|mailingl|newsletter|mailing list|utsendel|list)\w*"
        ),
        ("erasure",),
    ),
    Mask(_rx(r"\b(?:ikke|ikkje|don'?t|do not|nicht|inte)\s+(?:slett|delete|lösch|radera)\w*[^.!?\n]*"), ("erasure",)),
    # A threat to complain ("ellers går saken til Datatilsynet", "or I will complain") is not yet a complaint.
    Mask(
        _rx(
            r"\b(?:ellers|elles|otherwise|or else|hvis ikke|viss ikkje|dersom|om ikke|kommer til å|vurderer å|vurderer|considering"
            r"|will|i'll|going to|intend to|sonst|annars)\b[^.!?\n]{0,40}?(?:klag|complain|datatilsynet|supervisory|tilsynet|beschwerde)[^.!?\n]*"
        ),
        ("complaint",),
    ),
    Mask(
        _rx(
            r"offentleglov\w*|offentlighetslov\w*|innsynskrav\w*|krav om innsyn i (?:saks)?dokument\w*|saksdokument\w*|postjournal\w*|meirinnsyn|merinnsyn|freedom of information|offentlighetsprincip\w*|aktindsigt\w*|informationsfreiheit\w*"
        ),
        ("access", "question"),
        whole_text=True,
    ),
)

# Kinds of message that are no inquiry however many privacy words they hold.
AUTO_REPLY = _rx(
    r"automatisk svar|auto(?:matic)?[- ]?reply|out of (?:the )?office|\bfraværende\b|\bfråverande\b|abwesenheitsnotiz|frånvaromeddelande"
    r"|\b(?:er|är|bin)\s+(?:på|im)\s+(?:ferie|semester|urlaub)\b|\bon (?:holiday|vacation|annual leave)\b"
)
INVOICE = _rx(
    r"\bfaktura\w*|\binvoice\w*|forfallsdato|\bdue date\b|amount due|\bbeløp:|kid-?nummer|\brechnung\w*|payment terms"
)
BULK_MAIL = _rx(
    r"\bmeld deg (?:av|på)\b|\bunsubscribe\b|manage (?:email )?preferences|du mottar denne e-?posten|you are receiving this|\bwebinar\w*"
    r"|register now|sign up now|\bpåmelding\b|\babmelden\b|avslutt abonnement"
)
DPA_TALK = _rx(
    r"databehandleravtal\w*|data processing agreement|\bdpa\b|auftragsverarbeitungsvertrag|personuppgiftsbiträdesavtal\w*|databehandleraftal\w*"
)
DPA_TALK_CUE = _rx(
    r"utkast\w*|merknad\w*|redline\w*|\bannex\b|\bbilag\b|punkt \d|\bclause\b|klausul\w*|comments|kommentar\w*|forhandl\w*|negotiat\w*|\bsigner\w*|underdatabehandler\w*|sub-?processor\w*"
)
# Upper-case "I" only: lower-case "i" is the Scandinavian "in".
FIRST_PERSON = re.compile(r"\bI(?:'m|'ve|'d)?\b|(?i:\b(?:jeg|eg|jag|ich|me|meg|mig|mich|my|mitt|meine?)\b)")
