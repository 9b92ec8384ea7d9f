"""The signs in a message that it tells of a personal data breach: hand-written patterns (bokmål, nynorsk,
English) for what went wrong (sent to the wrong person, a device lost or stolen, an open sharing link, a hacked
account or ransomware, access without a need), what was exposed, and the frames that make the same words a
question, a plan or a near miss rather than a report. The recogniser (breaches/recognise.py) gives them to its
trained model as features, and shows the phrases that matched as evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text.normalise import normalise

MAX_CHARS = 20_000  # as the classifier reads: a long paste is judged by its start
_GAP = r"(?:[^\s.!?]+\s+){0,8}?"  # up to eight words between the parts of a phrase, within one sentence

_DEVICE = (
    r"(?:pc(?:-?en)?|laptop(?:en|s)?|b[æa]rbar(?:e)?(?: pc)?|mac(?:book)?(?:en)?|jobb-?pc(?:-?en)?|jobb-?mobil(?:en)?"
    r"|mobil(?:en|telefon(?:en)?)?|(?:jobb)?telefon(?:en)?|(?:work )?phone|iphone(?:en)?|ipad(?:en)?|nettbrett(?:et)?|tablet"
    r"|minne(?:pinne|penn)(?:n|en)?|usb(?:-?(?:pinne|penn|stick|drive)(?:n|en)?)?|memory stick|(?:ekstern(?:e)? )?harddisk(?:en)?"
    r"|(?:backup |external )?(?:hard )?drive|disk(?:en|ene|s)?|server(?:en)?|computer|device|sekk(?:en)?|bag|koffert(?:en)?|perm(?:en)?|mappe(?:n)?|folder|file|envelope|konvolutt)"
)


@dataclass(frozen=True)
class Sign:
    name: str
    pattern: re.Pattern[str]
    shown: bool = True  # shown to people as evidence; frames only inform the model


def _sign(name: str, pattern: str, *, shown: bool = True) -> Sign:
    return Sign(name, re.compile(pattern, re.IGNORECASE), shown)


SIGNS: tuple[Sign, ...] = (
    _sign(
        "misdirected",
        r"(?:\b(?:sendt?e?|sende|sent|e-?mailed|forwarded|videresend\w*|posted|la|lagt|went|gikk|gjekk|havnet|ended\s+up)\s+"
        + _GAP
        + r")?"
        r"\b(?:til|to|in|på)\s+(?:en\s+|ein\s+|the\s+|a\s+)?(?:feil|wrong|incorrect)\s+\w+"
        r"|\bfeil(?:send|sendt|sende|sending)\w*|\bmis-?(?:directed|addressed|sent)\b"
        r"|\b(?:svar(?:te)?|trykk(?:et|a)?\s+(?:på\s+)?[«\"']?svar)\s+alle\b|\brepl(?:y|ied)[ -]all\b"
        r"|\b(?:cc|kopi)\b[^.!?\n]{0,30}\b(?:instead of|i stedet for|i staden for)\s+bcc\b"
        r"|\b(?:sendt?e?|sende|emailed|e-?mailed|sent|forwarded|videresend\w*|delt[e]?|shared|posted|lagt?\s+ut|uploaded|lastet\s+opp)\b"
        + _GAP
        + r"(?:ved\s+(?:en|ein)\s+feil|by\s+(?:mistake|accident)|in\s+error|accidentally|mistakenly|feilaktig)"
        r"|\b(?:ved\s+(?:en|ein)\s+feil|by\s+mistake|accidentally|mistakenly)\s+"
        + _GAP
        + r"(?:sen[dt]\w*|e-?mail\w*|shared|delt\w*|forward\w*)"
        r"|\b(?:sendt?e?|sent|e-?mailed|forwarded)\s+" + _GAP + r"(?:i\s+stedet\s+for|i\s+staden\s+for|instead\s+of)\b"
        r"|\bwrong\s+(?:attachment|recipient|merge field|flettefelt)|\bfeil\s+(?:vedlegg|mottak[ae]r|flettefelt|adresse|kunde|person)",
    ),
    _sign(
        "lost",
        r"\b(?:mist(?:et|a|e)|mista|gl[eø]mt[e]?|lost|left|lagt?\s+igjen|ble\s+liggende|forgot)\s+"
        + _GAP
        + _DEVICE
        + r"\b"
        + r"|\b"
        + _DEVICE
        + r"\s+"
        + _GAP
        + r"(?:er|is|has\s+gone|went)\s+(?:borte|missing|gone|lost)\b"
        r"|\b(?:can(?:not|'t)\s+be\s+found|finner\s+(?:den|ikke)|is\s+missing|er\s+borte|never\s+(?:been\s+)?recovered)\b",
    ),
    _sign(
        "stolen",
        r"(?:\b"
        + _DEVICE
        + r"\s+"
        + _GAP
        + r")?\b(?:stj[åa]l(?:et|en|i)?|stole|stolen|tyveri|theft|robbery|innbrudd|br[øo]t\s+seg\s+inn|broken\s+into|broke\s+into|stolen)\b",
    ),
    _sign(
        "exposed",
        r"\b(?:anyone|alle)\s+with\s+the\s+link\b|\balle\s+med\s+lenk[ae]n\b|\bdelingslenk\w*|\bsharing\s+link\b"
        r"|\bpublic(?:ly)?\s+(?:readable|accessible|available|bucket|link|channel|website)\b|\boffentlig\w*\s+(?:postlist\w*|tilgjengelig\w*|på\s+nett\w*)"
        r"|\b(?:accessible|available|synlig\w*|tilgjengelig\w*|open|åpen|open)\s+(?:to|for)\s+(?:all|alle|everyone)\b"
        r"|\b(?:la|lagt|lagret|lagra|saved|stored|uploaded)\s+"
        + _GAP
        + r"(?:på\s+feil\s+\w+|in\s+the\s+wrong\s+\w+|public\w*|offentlig\w*)"
        r"|\bcould\s+(?:see|read)\s+(?:other|another|andre)|\bkunne\s+(?:se|lese)\s+(?:andre|hverandres)"
        r"|\bsees?\s+(?:each\s+other'?s|everyone'?s)|\bser\s+(?:nå\s+)?hverandres\b|\bother\s+(?:users|customers|people)'?s?\s+(?:names|data|order)",
    ),
    _sign(
        "attack",
        r"\b(?:hack(?:et|a|ed)?|phishing\w*|phished|l[øo]sepenge\w*|ransom(?:ware)?|malware|skadevare|virus|keylog\w*"
        r"|dataangrep\w*|cyberangrep\w*|angrep\w*|attack(?:er|ers|ed)?|angriper\w*|innbruddsfors\w*|compromised|kompromitter\w*"
        r"|lekk(?:et|a|asje)|leak(?:ed|s)?|exfiltrat\w*|dumped|overt(?:att|ok)\s+(?:konto\w*|the\s+account)|falsk\w*\s+(?:innlogging\w*|lenk\w*|e-?post)"
        r"|fake\s+(?:microsoft|login|invoice\w*|email)|kryptert\s+(?:alle|filene|systemene)|encrypted\s+(?:the|all|our)?\s*(?:files|server|systems?))\b",
    ),
    _sign(
        "unauthorised",
        r"\b(?:snok(?:et|a|ing|inga)?|journalsnok\w*|uten\s+tjen(?:e)?stlig\s+behov|utan\s+(?:tenestleg\s+behov|å\s+ha\s+rett)"
        r"|without\s+(?:a\s+)?(?:business\s+need|authori[sz]ation|permission)|unauthori[sz]ed|uautoriser\w*|uvedkommend\w*"
        r"|(?:fått|fekk|got|had|have|has)\s+(?:admin-?|lese|full\s+)?(?:tilgang|access)\s+"
        + _GAP
        + r"(?:ved\s+(?:en|ein)\s+feil|by\s+mistake|in\s+error)"
        r"|fortsatt\s+(?:har\s+)?(?:hatt\s+)?tilgang|still\s+had\s+(?:working\s+)?(?:credentials|access)"
        r"|(?:slått|slo|looked|looking)\s+(?:opp|up)\s+"
        + _GAP
        + r"(?:for\s+personal\s+reasons|eksen|nabo\w*|naboen))\b",
    ),
    _sign(
        "personal-data",
        r"\b(?:person(?:nummer|numre|numr|nr)\w*|f[øo]dsels(?:nummer|numre|nr)\w*|d-nummer\w*|personopplysning\w*|personal\s+data|personal\s+information"
        r"|helseopplysning\w*|helseinformasjon|health\s+(?:data|information|declaration)|medical\w*|pasient\w*|patient\w*|journal(?:er|ar|en)?"
        r"|lønn(?:sliste|slista|sslipp\w*|sdata|smapp\w*|sinformasjon)?|løn(?:slista)|payroll|payslips?|salar(?:y|ies)"
        r"|sykemelding\w*|sykmelding\w*|sykefrav[æa]r\w*|fr[åa]v[æa]r\w*|sick\s+leave|legeerkl[æa]ring\w*|medical\s+certificates?"
        r"|kundelist\w*|kundedata\w*|kundeinformasjon|kunderegister\w*|customer\s+(?:list|data|database|records|contact)\w*|client\s+files?"
        r"|cv(?:-?e?ne|-?ar|s)?|søknad\w*|s[øo]kj?ar\w*|candidates?|applicants?|personalmapp\w*|hr-?(?:mapp\w*|files?|folder|data|system\w*)"
        r"|pass(?:kopi\w*|port\w*)?|id[- ]?(?:scans?|numbers?)|national\s+id|social\s+security|bank\s*(?:account|konto)\w*|kortnumr\w*|card\s+numbers?"
        r"|adresse(?:r|ne)?|addresses|telefonnum\w*|phone\s+numbers?|e-?post-?adress\w*|email\s+address\w*)\b",
    ),
    _sign(
        "reported",
        r"\b(?:(?:jeg|eg|vi|me)\s+(?:vil|ønsker\s+å|ynskjer\s+å|må|skal)\s+(?:herved\s+)?(?:melde|rapportere|varsle|si\s+fr[ae])"
        r"|(?:i|we)\s+(?:would\s+like\s+to|want\s+to|wish\s+to|need\s+to|must)\s+(?:report|flag|notify)"
        r"|(?:i|we)\s+am\s+reporting|(?:i|we)\s+are\s+reporting|(?:jeg|vi)\s+melder\s+(?:herved|hermed)?"
        r"|hermed\s+varsles|herved\s+varsles|avviksmelding|melding\s+om\s+(?:mulig\s+)?(?:avvik|brudd)"
        r"|this\s+is\s+to\s+notify|please\s+be\s+advised|heads\s+up)\b",
    ),
    _sign(
        "told-by-vendor",
        r"\b(?:\w*leverand[øo]r\w*|vendor|supplier|provider|host|byrå\w*|agency|partner\w*)\s+"
        + _GAP
        + r"(?:har\s+)?(?:varslet|varsla|informert|skriver|sier|seier|says|informs|informed|notified|told|emailed|writes)\b"
        r"|\b(?:fått|fekk|received|got)\s+(?:en\s+|ei\s+|a\s+|an\s+)?(?:melding|brev|varsel|e-?post|email|notification|letter)\s+fr[aå]\s+"
        r"|\b(?:received|got)\s+(?:a\s+|an\s+)?(?:email|notification|letter)\s+from\s+(?:our|the)\s+\w+",
    ),
    _sign(
        "breach-word",
        r"\b(?:avvik\w*|brudd\w*|personvernbrudd\w*|sikkerhetsbrudd\w*|breach\w*|incident\w*|hendels[ae]\w*|på\s+avveie|on\s+the\s+loose)\b",
        shown=False,
    ),
    _sign(
        "happened",
        r"\b(?:jeg|eg|vi|me|i|we|someone|noen|nokon|en\s+kollega|a\s+colleague|my|min|mitt)\s+(?:har\s+|have\s+|just\s+|nettopp\s+|akkurat\s+)?"
        r"(?:sendte|sende|sent|mistet|mista|lost|left|glemte|gløymde|forgot|clicked|klikket|klikka|delte|shared|uploaded|lastet|la|trykket|fikk|got|fell|oppdaget|oppdaga|discovered|found|noticed)\b"
        r"|\b(?:i\s+går|i\s+dag|i\s+natt|i\s+morges|nettopp|akkurat|yesterday|last\s+night|this\s+morning|today|just\s+now|i\s+helga|over\s+the\s+weekend)\b",
        shown=False,
    ),
    _sign(
        "hypothetical",
        r"\b(?:hva\s+gjør\s+(?:jeg|vi)\s+(?:hvis|om|dersom)|kva\s+gjer\s+(?:eg|me)\s+(?:viss|om|dersom)|what\s+(?:do|should)\s+(?:i|we)\s+do\s+if"
        r"|hvis|dersom|viss|if|suppose|anta|hypotetisk\w*|what\s+counts|hva\s+regnes|what\s+if|i\s+tilfelle|in\s+case"
        r"|how\s+long|hvor\s+lang|frist|deadline|rutine\w*|procedure|policy|eksempel|example|kurs\w*|training|øvelse\w*|exercise|tabletop)\b",
        shown=False,
    ),
    _sign(
        "near-miss",
        r"\b(?:holdt\s+på\s+å|nesten|almost|nearly|caught\s+it|før\s+jeg\s+trykket|before\s+(?:i|it)\s+(?:sent|hit|went)|klikket\s+ikke|didn't\s+click"
        r"|did\s+not\s+click|ble\s+stoppet|was\s+(?:blocked|stopped)|trodde\s+jeg\s+hadde|thought\s+(?:my|i\s+had))\b",
        shown=False,
    ),
)


@dataclass(frozen=True)
class Found:
    sign: str
    phrase: str  # as written in the message
    shown: bool


def find(text: str) -> list[Found]:
    """Each sign found in the message, once, with the first phrase that showed it."""
    body = normalise(text[:MAX_CHARS])
    out = []
    for sign in SIGNS:
        match = sign.pattern.search(body)
        if match:
            out.append(Found(sign.name, " ".join(match.group(0).split()), sign.shown))
    return out
