"""Phrase rules for the rights over how data is used (Art. 7(3), 20-22): portability, objection, consent, automated
decisions."""

from __future__ import annotations

from inquiries.classify_vocab import CONSENT, MAILING_LIST, MARKETING, NOT, SAID_YES, WANT_NOT, Rule, rx

_STOP = r"stop|stopp\w*|slutt\w*|sluta|quit|cease|hør op|halt|aufhören|hören sie auf"
_CONTACT = r"send\w*|ring\w*|call\w*|skicka|contact\w*|kontakt\w*|mail\w*|e-?post\w*|schick\w*|text\w*"

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
            r"\b(?:laste\w* (?:\w+ )?opp|upload\w*|import\w*|reuse|gjenbruk\w*|hochladen)\b[^.!?\n]{0,40}?\b(?:ny|nye|nytt|new|another|annen|anna|other|andre|neue\w*|elsewhere|annanstans|andre steder)\b",
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
    Rule("objection", rx(MAILING_LIST), 3),
    Rule(
        "objection",
        rx(
            r"\b(?:ikke|ikkje|don'?t|do not|never|nicht|inte|aldri|ikkje)\s+(?:kontakt|contact|ring|call|send|e-?mail|mail|text|skriv|kontaktier|schreib)\w*\s+(?:meg|me|mig|mich|mir)\b"
        ),
        3,
    ),
    Rule("objection", rx(r"\bunsub\w*"), 3, near=rx(r"\b(?:me|meg|mig|mich)\b"), window=20),
    Rule(
        "objection",
        rx(
            rf"\b(?:{WANT_NOT})\s+(?:at\s+|that\s+|dass\s+|att\s+)?(?:dere|de|you|sie|ni|dykk)\s+(?:skal\s+|to\s+)?"
            r"(?:bruk\w*|use|using|nytt\w*|verwend\w*|nutz\w*|använd\w*|process\w*|behandl\w*)"
        ),
        3,
    ),
    Rule(
        "objection",
        rx(
            r"\b(?:stop|stopp\w*|stans\w*|cease|slutt\w*|aufhören|sluta)\b[^.!?\n]{0,40}?\b(?:processing|using|use|bruk\w*|behandl\w*|verarbeit\w*)\b"
            rf"[^.!?\n]{{0,40}}?\b(?:for|til|zu|för)\s+(?:\w+\s+){{0,4}}?(?:purpose|formål|{MARKETING}|analy\w*|statisti\w*|profil\w*)"
        ),
        3,
    ),
    Rule(
        "objection",
        rx(
            r"\bsa aldri ja\b|never (?:agreed|consented|said yes)|aldri (?:gjeve|gitt|gav|ga) samtykke|ikkje gjeve samtykke|ikke gitt samtykke"
        ),
        1,
    ),
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
            r"\b(?:trekk\w*|træk\w*|drar|dra|tar|tek|take)\b[^.!?\n]{0,60}?\b(?:tilbake|attende|tillbaka|tilbage|back)\b"
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
    Rule(
        "withdraw-consent",
        rx(r"\b(?:angrer|angra|regret\w*|bereue\w*|ångrar|fortryder)\b"),
        3,
        near=rx(CONSENT.pattern, SAID_YES.pattern),
        window=40,
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
        near=rx(
            r"\bautomat\w*|algorit\w*|algorithm\w*|\bsystem\w*|portal\w*|\bapp\b|program\w*|computer|datamaskin\w*"
        ),
        window=40,
    ),
    Rule(
        "automated-decision",
        rx(
            r"\b(?:et|eit|ein|en|a|someone|somebody|noen|nokon|jemand|någon|nogen)\s+(?:\w+\s+)?(?:menneske\s+|person\s+|human\s+)?"
            r"(?:ser på|sjå på|se på|vurderer|vurdere|review|look at|reconsider|prüf\w*|granska|går gjennom|går igjennom|gjennomgår"
            r"|go through|goes through|look over)",
            r"\b(?:uten|utan|without|ohne|uden)\s+(?:at\s+|att\s+|dass\s+)?(?:noen|nokon|anyone|a human|a person|et menneske|ein person|jemand"
            r"|någon|nogen)\s+(?:\w+\s+){0,2}(?:sett|sjå|såg|looked|looking|review\w*|vurdert|geprüft|kiggede|tittat)",
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
    Rule(
        "automated-decision",
        rx(r"\bscor(?:e|ed|es|ing)\b|\bpoengsum\w*|\brisikoscore\w*|high risk|høy risiko|hohes risiko"),
        2,
    ),
    Rule(
        "automated-decision",
        rx(
            r"\b(?:challenge|contest|appeal|overprøv\w*|bestride|anfecht\w*)\s+(?:it|this|that|den|det|dette|the score)\b",
            r"\bhow the \w+ was calculated\b",
        ),
        1,
    ),
    Rule("automated-decision", rx(r"\bprofiler\w*|\bprofiling\b|\bprofilierung\b"), 1),
)
