"""The words for retention periods, answer deadlines and legal bases (nb, nn and en), as data for extract_terms."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "en": 1, "én": 1, "ett": 1, "ei": 1, "one": 1, "a": 1, "an": 1, "to": 2, "two": 2, "tre": 3, "three": 3,
    "fire": 4, "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "sju": 7, "syv": 7, "seven": 7, "åtte": 8,
    "eight": 8, "ni": 9, "nine": 9, "ti": 10, "ten": 10, "elleve": 11, "eleven": 11, "tolv": 12, "twelve": 12,
    "atten": 18, "eighteen": 18, "tjuefire": 24, "twenty-four": 24, "tretti": 30, "thirty": 30, "seksti": 60,
    "sixty": 60, "nitti": 90, "ninety": 90, "ein": 1, "éin": 1, "eitt": 1, "eit": 1,
}  # fmt: skip
UNIT = (
    r"(dagar|dager|dag|døgn|days?|uker|uke|veker|veke|weeks?|månader|måneder|måneders|månad|måned|mnd\.?|months?|"
    r"års?|years?)"
)
UP_TO = re.compile(
    r"(?:inntil|opptil|up\s+to|maks\w*|høyst|no\s+longer\s+than|ikke\s+lenger\s+enn|at\s+most|senest|seinast|"
    r"within|innen|innan|at\s+the\s+latest)\s+(?:(?:etter|after)\s+)?$",
    re.I,
)
AT_LEAST = re.compile(r"(?:minst|minimum|at\s+least|ikke\s+kortere\s+enn)\s+$", re.I)
RETENTION_CUE = re.compile(
    r"lagr|oppbevar|slett|behold|lagringstid|arkiver|retain|retention|kept|keep|store[ds]?\b|delet|erase|anonymi|"
    r"destroy|makuler|ta(?:kast|s)?\s+vare\s+på|tek\s+vare\s+på|bevar|purge",
    re.I,
)
DEADLINE_CUE = re.compile(r"\b(?:svar\w*|besvar\w*|answer\w*|respond|responds|reply|replies|frist\w*|deadline)\b", re.I)
VAGUE = re.compile(
    r"så\s+lenge\s+(?:det\s+)?(?:er\s+|anses\s+som\s+)?(?:nødvendig|behov)\w*|så\s+lenge\s+(?:loven|lovverket|lov)\s+krever"
    r"|as\s+long\s+as\s+(?:(?:it\s+)?is\s+)?(?:necessary|needed|required)|bokføringslov\w*|regnskapslov\w*"
    r"|as\s+required\s+by\s+(?:law|the\s+\w+\s+act)|"
    r"så\s+lenge\s+(?:du|virksomheten|kundeforholdet|vedkommende|vedkommande|medlemmet)\s+\w+"
    r"(?:\s+(?:medlem|kunde|ansatt|aktiv|abonnent|bruker|verv)\w*)?|"
    r"for\s+as\s+long\s+as\s+(?:you|your|the)\s+\w+|"
    # "så lenge nøkkelen er utlevert", "fram til du melder deg av", "until you unsubscribe", "for all tid"
    r"så\s+lenge\s+[\wæøå]+(?:en|et|a|ne)\s+(?:er|varer|består|pågår|gjelder)\s+\w+|"
    r"(?:fram|frem|inntil)\s+til\s+(?:du|kunden|medlemmet|de|dei)\s+(?:melder\s+deg\s+av|\w+)|"
    r"\btil\s+du\s+melder\s+deg\s+av|"
    # "blir sletta når turen er over": deleted when an event has ended
    r"når\s+[\wæøå]+(?:en|et|a|ne)\s+er\s+(?:over|slutt|avslutta|avsluttet|ferdig)|"
    r"until\s+you\s+(?:unsubscribe|delete|close|cancel|withdraw|ask)\w*|for\s+all\s+tid|for\s+alltid|indefinitely|"
    r"(?:lagres|oppbevares|bevares|kept|retained|stored)\s+permanent(?:ly)?",
    re.I,
)
WHAT = re.compile(
    r"(?:søknad|rekrutter|regnskap|bokføring|faktura|kamera|video|logg|lydopptak|kunde|ansatt|applica|candidate|"
    r"recruit|invoice|accounting|cctv|logs?\b|recording|customer|employee|nyhetsbrev|newsletter|besøk|visitor|cookie|"
    r"ip[- ]adresse|patient|journal|record|correspondence|korrespondanse|ticket|account|konto|personalmappe|"
    r"backup|sikkerhetskopi|kjøp|purchase|ordre|order|historikk|history|opptak|påmelding|kvittering|saksdokument|arkiv|medlem|andelseier|data\b)",
    re.I,
)
BASIS_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "6(1)(a)",
        re.compile(
            r"(?:basert\s+på|på\s+grunnlag\s+av|med|innhente|har\s+gitt|grunnlag\w*\s+(?:er|er\s+ditt)|hjemmelsgrunnlag\s+er)\s+"
            r"(?:\w+\s+){0,2}?samtykke|samtykke\s+(?:som|er)\s+(?:\w+\s+)?(?:behandlings|rettslig)?grunnlag"
            r"|(?:based\s+on|on\s+the\s+basis\s+of|with)\s+your\s+consent|consent\s+(?:is|as)\s+(?:the|our)\s+(?:legal|lawful)\s+basis"
            # "byggjer vi på samtykket ditt", "bare hvis de selv samtykker", "we rely on your consent"
            r"|bygg(?:j)?er\s+(?:vi\s+|det\s+)?på\s+(?:\w+\s+){0,2}?samtykke"
            r"|(?:hvis|dersom|når|om|viss)\s+(?:du|de|dei|vedkommende)\s+(?:selv\s+|sjølv\s+)?(?:har\s+)?samtykke[rt]\b"
            r"|(?:rely|relies)\s+on\s+(?:your|their)\s+consent|(?:if|where)\s+(?:you|they)\s+(?:have\s+)?consent(?:ed|s)?\b",
            re.I,
        ),
    ),
    (
        "6(1)(b)",
        re.compile(
            r"nødvendig\s+for\s+å\s+(?:oppfylle|gjennomføre|inngå|fullføre|levere)\s+(?:\w+\s+){0,2}?(?:avtale|kontrakt|transaksjon|produkt)"
            r"|(?:samtykke|grunnlag\w*)\s+og\s+avtale|oppfylle\s+(?:en\s+|vår\s+|våre\s+)?avtalen?\b|"
            r"performance\s+of\s+(?:a|the|our)\s+contract|(?:necessary|needed)\s+to\s+(?:perform|fulfil+|enter\s+into)\s+(?:\w+\s+){0,2}?contract",
            re.I,
        ),
    ),
    ("6(1)(c)", re.compile(r"rettslig\s+forpliktelse|legal\s+obligation|kreves\s+ved\s+lov|required\s+by\s+law", re.I)),
    ("6(1)(d)", re.compile(r"vitale\s+interesser|vital\s+interests?", re.I)),
    (
        "6(1)(e)",
        re.compile(
            r"oppgave\s+i\s+allmennhetens\s+interesse|task\s+carried\s+out\s+in\s+the\s+public\s+interest|"
            r"oppgåve\w*\s+i\s+ålmenta\s+si\s+interesse|utøv\w*\s+(?:av\s+)?offentle?g\s+(?:styresmakt|myndighet)|"
            r"exercise\s+of\s+official\s+authority",
            re.I,
        ),
    ),
    ("6(1)(f)", re.compile(r"berettige\w*\s+interesse|legitim\w*\s+interesse|legitimate\s+interests?", re.I)),
)
