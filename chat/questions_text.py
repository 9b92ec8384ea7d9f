"""Reading a free-text question: Slack markup, intent, and the words naming its subject."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text.normalise import ascii_fold

# <@U123>, <@U123|name>, <#C123|channel>, <!here>, <mailto:a@b|a@b>, <https://x|label>
_SLACK_MARKUP = re.compile(r"<([@#!])?([^<>|]*)(?:\|([^<>]*))?>")  # Slack escapes a '<' in text as &lt;
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*['’]?")


def clean(text: str) -> str:
    """The question without Slack mentions, link markup and emphasis characters."""

    def plain(match: re.Match[str]) -> str:
        sigil, target, label = match.groups()
        if sigil == "@":
            return " "
        return label or ("" if sigil else target)

    text = _SLACK_MARKUP.sub(plain, text)
    text = re.sub(r"[*`~]", " ", text)
    return " ".join(text.split())


fold = ascii_fold  # the shared loose folding: 'Besøks-Registrering' -> 'besoks-registrering'


def words(text: str) -> list[str]:
    """Words as typed (hyphens split, apostrophes kept inside): "Septer's alarm-centre" -> 3 words."""
    return _WORD.findall(text)


def base_word(word: str) -> str:
    """A folded word without an English possessive: "Septer's" -> 'septer'."""
    w = fold(word).replace("’", "'")
    if w.endswith("'s"):
        return w[:-2]
    return w.rstrip("'")


# -- intent ---------------------------------------------------------------------------------------------

# Checked in this order on the folded question; the first intent with a matching pattern wins. Order matters:
# "databehandleravtale" is a DPA question before it is a processor one, "underdatabehandler" likewise.
_INTENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "dpa",
        (
            r"\bdpas?\b",
            r"\bdata ?processing agreements?",
            r"\bprocessor agreements?",
            r"\bagreements?\b",
            r"\bcontracts?\b",
            r"\bsigned\b",
            r"databehandl[ea]r ?avtal",
            r"\bavtal(e|en|er|ar|ane)?\b",
            r"\bsignert\b",
        ),
    ),
    (
        "subprocessors",
        (
            r"\bsub ?-?processor",
            r"\bsub ?-?process",
            r"\bsub ?-?contractor",
            r"\bunder ?databehandl",
            r"\bunderleverandor",
            r"\bunderhandsam",
        ),
    ),
    (
        "transfers",
        (
            r"\btransfer",
            r"\boverfor(er|es|ast|t|te|a|ing\w*)\b",
            r"\b(outside|out of|leave|leaves|leaving)"
            r" (the )?(eea|eu|europe)\b",
            r"\b(utenfor|utanfor|ut av|ut or|ut fra|ut fra) (eos|ees|eu|europa)\b",
            r"\bthird countr",
            r"\btredje ?(land|stat)",
            r"\babroad\b",
            r"\butlandet\b",
            r"\b(eea|eos|ees)\b",
            r"\bwhere\b.*\b(stored|processed|hosted|located|kept)\b",
            r"\b(hvor|kvar)\b.*\b(lagres|lagrast|lagra|"
            r"lagret|behandles|ligger|ligg)\b",
            r"\bsend(s|ing)? data\b",
            r"\bsender data\b",
        ),
    ),
    (
        "dpo",
        (
            r"\bdpos?\b",
            r"\bdata protection officer",
            r"\bpersonvernombud",
            r"\bprivacy (team|officer|contact)\b",
            r"\bpersonvernkontakt",
        ),
    ),
    (
        "controller",
        (
            r"\bcontrollers?\b",
            r"\bbehandlingsansvarl",
            r"\bhandsamingsansvarl",
            r"\bresponsible for\b",
            r"\bansvarl\w* for\b",
            r"\bwho owns\b",
            r"\bdata ?owner",
            r"\bhvem eier\b",
            r"\bkven eig\b",
        ),
    ),
    (
        "processor",
        (
            r"\bprocessors?\b",
            r"\bdatabehandl(er|ar)\w*",
            r"\bwho(s| is)? (processes|handles|runs|hosts|operates|"
            r"processing|handling)\b",
            r"\bprocess(es)? (it |this |that |the data )?for\b",
            r"\b(hvem|kven) (behandler|behandlar|handsamar|handsamer|handterer|drifter|driftar|leverer)\b",
            r"\b(behandler|behandlar|handsamar) .*\bfor (oss|meg|dem)\b",
        ),
    ),
    (
        "summary",
        (
            r"\bwhat do (we|you) know\b",
            r"\bknow about\b",
            r"\btell me about\b",
            r"\bsummar",
            r"\boverview\b",
            r"\binfo(rmation)? (on|about)\b",
            r"\b(hva|kva) (vet|veit)\b",
            r"\b(vet|veit) (vi|du|me) om\b",
            r"\bfortell (meg )?om\b",
            r"\boversikt\b",
            r"\bsammendrag\b",
            r"\binformasjon om\b",
        ),
    ),
    (
        "help",
        (
            r"^(help|hjelp|hjelpe|\?|hei|hi|hello|hallo|hey)$",
            r"\bwhat can you\b",
            r"\b(hva|kva) kan du\b",
            r"\bhow (do|can|should) i (use|ask)\b",
            r"\b(hvordan|korleis) (bruker|brukar|spor)\b",
            r"\bcommands?\b",
            r"\bkommando",
            r"^(help|hjelp)\b",
        ),
    ),
)
# "who is X" / "hva er X": a summary only when X turns out to be something in the registry.
_WEAK_SUMMARY = (r"^(who|what) (is|are)\b", r"^(who|what)'?s\b", r"^(hvem|kven|hva|kva) er\b")
_COMPILED = tuple((name, tuple(re.compile(p) for p in patterns)) for name, patterns in _INTENTS)
_WEAK = tuple(re.compile(p) for p in _WEAK_SUMMARY)


def flat(text: str) -> str:
    """The folded question as space-separated words, for intent patterns."""
    return " ".join(words(fold(text).replace("’", "'")))


def rule_intents(text: str) -> list[str]:
    """Every intent a pattern above finds in the question ("summary?" for a bare "who is X"): features of the
    trained intent model, which decides."""
    folded = flat(text)
    found = [name for name, patterns in _COMPILED if any(p.search(folded) for p in patterns)]
    return found + (["summary?"] if any(p.search(folded) for p in _WEAK) else [])


def detect_intent(text: str) -> tuple[str, bool]:
    """The intent and whether it is certain; ("summary", False) for a bare "who is X", ("unknown", False) else."""
    folded = flat(text)
    for name, patterns in _COMPILED:
        if any(p.search(folded) for p in patterns):
            return name, True
    if any(p.search(folded) for p in _WEAK):
        return "summary", False
    return "unknown", False


# -- the subject ----------------------------------------------------------------------------------------

# Words that frame a question rather than name its subject (folded). What remains names a party or an activity.
FRAME_WORDS = frozenset(
    """who whom whose what what's whats which where why how is are was were be been being the a an of for on in to
    at about with by from into does do did have has had we us our ours they them their its it it's who's whos
    this that these those and or any anything all there please pls tell me my know known can could would should
    you your i i'm am get gets got not no yes yet still currently now today actually really right exactly also
    too again just only ever hey hi hello thanks thank controller controllers data personal processor processors
    process processes processed processing handle handles handled handling sub subprocessor subprocessors
    subcontractor subcontractors use uses used using dpa dpas agreement agreements signed contract contracts
    transfer transfers transferred transferring send sends sending sent outside eea eu europe third country
    countries leave leaves leaving abroad summary overview info information responsible owner owns behind run runs
    runs manage manages hosts host hosted stored store kept located company firm supplier vendor service services
    partner side party status
    hvem kven hva kva hvilke hvilken hvilket kvifor hvorfor hvor kvar korleis hvordan er var vi me oss vare vart
    har ha hatt med om av til pa i fra fra ut inn utenfor utanfor og eller en ei et ein eit den det de dei deira
    deres dykk dykkar sin si sitt sine hans hennes ikke ikkje noe noko noen nokon vet veit vite kjenner fortell
    meg deg du eg jeg kan kunne skal vil hei hallo takk behandlingsansvarlig behandlingsansvarlige
    behandlingsansvarleg behandlingsansvarlege handsamingsansvarleg databehandler databehandlere databehandleren
    databehandlerne databehandlar databehandlarar databehandlaren databehandleravtale databehandleravtalen
    databehandleravtaler databehandlaravtale databehandlaravtalen underdatabehandler underdatabehandlere
    underdatabehandleren underdatabehandlar underdatabehandlarar underleverandor underleverandorer behandler
    behandlar behandles handsamar handsamer handterer drifter driftar leverer bruker brukar brukes bruke nytter
    nyttar overforer overfores overfort overforing overforingar overforinger overforast sender sendes dataene
    personopplysninger personopplysningar opplysninger opplysningar avtale avtalen avtaler signert ansvarlig
    ansvarleg eier eig tredjeland tredjestat land landet utlandet eos ees europa sammendrag oversikt informasjon
    info gjor gjer som lagrer lagres lagra lagrast ligger ligg hos egen eigen sjolv selv ogsa bare berre fortsatt
    enda na no egentlig eigentleg da sa vel finnes fins firma firmaet selskap selskapet leverandor leverandoren
    tjeneste tjenesten tjenester tjenestene status dpo dpos officer protection personvernombud personvernombudet
    personvernkontakt privacy team need needs needed require required trenger trengs trengst treng krever""".split()
)
# Words that say the asker means our own organisation ("do we transfer data ...?").
WE_WORDS = frozenset("we us our ours vi oss var vart vare".split())


@dataclass(frozen=True)
class Subject:
    """A question's words, which of them are left when its frame is removed, and whether it speaks of "us"."""

    all_words: tuple[str, ...]
    kept: tuple[bool, ...]
    we: bool

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for w, k in zip(self.all_words, self.kept, strict=True) if k)

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


def subject_of(text: str, *, also: frozenset[str] = frozenset()) -> Subject:
    """'who is the controller for the alarm-centre recordings?' -> words ('alarm', 'centre', 'recordings')."""
    typed = tuple(words(text))
    kept: list[bool] = []
    we = False
    for word in typed:
        key = base_word(word)
        if key in WE_WORDS and not (key == "var" and "å" not in word.casefold()):
            we = True  # "vår" is ours; "var" (was) is not
        kept.append(key not in FRAME_WORDS and key not in also and len(key) >= 2)
    return Subject(typed, tuple(kept), we)
