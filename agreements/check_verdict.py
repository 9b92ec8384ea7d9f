"""What a DPO can act on, per Art. 28 element: present, weak (there, but below what the law or the Commission's
standard clauses 2021/915 expect, and why), by reference only (an annex or document not in the file, or a blank
template field), or missing.

The element's rules (check_patterns*) find the sentences that speak of it; this module reads them for what they
say: a clause that negates the duty ("without informing the Controller", "no right to audit") does not count,
and one that keeps it below the standard is weak. All patterns are linear: alternatives of literals and bounded
word gaps, no nested repetition.
"""

from __future__ import annotations

import re

from agreements.check_match import Group, rx
from agreements.check_patterns import REFERENCE_ONLY, SUBPROCESSOR

PRESENT, WEAK, BY_REFERENCE, MISSING = "present", "weak", "by-reference", "missing"
VERDICTS = (PRESENT, WEAK, BY_REFERENCE, MISSING)
RANK = {MISSING: 0, BY_REFERENCE: 1, WEAK: 2, PRESENT: 3}

# The preamble items of Art. 28(3): stated in the file or in a document that must be attached to it.
PREAMBLE = frozenset({"subject_matter", "duration", "nature", "purpose", "data_types", "data_subjects"})

# A word that makes "without ..." part of a prohibition ("shall not engage ... without prior authorisation").
NOT_WORD = rx(r"""
    \bnot\b | \bnever\b | \bno\b | \bnor\b | n't\b | \bunless\b | \bonly\b | \bsolely\b | \bexcept\b | \bprohibit\w*
    \bikke\b | \bikkje\b | \baldri\b | \bingen\b | \bkun\b | \bbare\b | \bberre\b | \bmed mindre\b | \bforbud\w*
""")
# Any duty the contract expressly waives ("the Processor shall not be obliged to notify").
WAIVED = rx(r"""
    \b(?:shall|will|is|are) not (?:be )?(?:required|obliged|obligated|bound|responsible|liable) to\b
    \bno (?:obligation|duty|responsibility) to\b | \bunder no obligation\b | \bnot (?:be )?obliged\b
    \bikke (?:være )?(?:forpliktet|pliktig|ansvarlig) til\b | \bhar ikke plikt til\b | \bikke har plikt til\b | \bhar ingen (?:plikt|forpliktelse)\b | \bingen plikt til\b
""")

# ---- (d) sub-processors ----------------------------------------------------------------------------------------

# Engaging sub-processors freely: "may engage any sub-processor at its discretion without informing the Controller".
SUB_FREELY = rx(r"""
    \bwithout (?:(?:first|prior|any|the|further|previously) )?(?:informing|notifying|notice|notification|telling|consulting|the consent|consent|approval|authori[sz]ation|permission)
    \bat (?:its|their|the processor's|the supplier's|the provider's) (?:own |sole |absolute )?discretion\b | \bfreely\b
    \bis not required to (?:inform|notify|obtain|seek)\b | \bneed not (?:inform|notify|obtain)\b
    \buten (?:å )?(?:først )?(?:varsle|varsel|informere|underrette|samtykke|godkjenning|forhåndsgodkjenning|tillatelse)
    \better eget (?:fritt )?skjønn\b | \bfritt\b
""")
AUTHORISE = rx(r"""
    \bauthori[sz]\w* | \bapprov\w* | \bconsent\w* | \bpermission\b | \bgodkjen\w* | \bsamtykk\w* | \btillatelse\b
    \bforhåndsgodkjen\w*
""")
GENERAL = rx(r"\bgeneral\b | \bgenerell\w* | \bgenerelt\b")
NOTICE = rx(r"""
    \bnotif\w* | \bnotice\b | \binform(?:s|ed|ing|ere|eres|erer|ert|erte)?\b | \bvarsl\w* | \bunderrett\w* | \bupdate\w*
    \bpublish\w* | \bpubliser\w* | \boppdater\w*
""")
OBJECT = rx(r"""
    \bobject\w* | \binnsigelse\w* | \binnvending\w* | \bprotest\w* | \bmotsett\w* | \breserver\w* | \bveto\b | \boppose\w*
    \bterminat\w* | \bsi opp\b | \boppsi\w*
""")
# A condition on engaging sub-processors: "shall not ... without", "only with prior", "requires". Approving a list
# ("These sub-processors are approved at signature:") sets none for the next one.
CONDITION = rx(
    NOT_WORD,
    r"""
    \bprior\b | \bbefore\b | \bin advance\b | \brequires?\b | \bmust\b | \bsubject to\b | \bforhånd\w* | \bførehand\w*
    \bfør\b | \bkrever\b | \bmå\b | \bforutsetter\b
""",
)
# 28(4) asks for the same obligations; "similar" or "comparable" ones leave room for less.
SIMILAR = rx(r"""
    \bsimilar\b | \bcomparable\b | \blignende\b | \bliknande\b | \bsammenlignbar\w* | \bsamanliknbar\w*
""")

# ---- (h) audits ------------------------------------------------------------------------------------------------

INSPECTION = rx(r"\binspect\w* | \binspeksjon\w* | \bon-?site\b | \bpå stedet\b | \bstedlig\w*")
AUDIT_WORD = rx(
    r"\baudit\w* | \binspect\w* | \binspeksjon\w* | \brevisjon\w* | \brevider\w* | \bkontroll\w* | \btilsyn\b"
)
NO_AUDIT = rx(r"""
    \bno (?:right|entitlement) (?:to|of) (?:\w+\s+){0,2}?(?:audit|inspect)\w* | \bnot (?:be )?(?:entitled|permitted|allowed) to (?:\w+\s+){0,2}?(?:audit|inspect)\w*
    \bshall not (?:have (?:the|any) right to )?(?:audit|inspect)\w* | \bwaives? (?:\w+\s+){0,2}?(?:right|rights) to (?:audit|inspect)\w*
    \b(?:audits?|inspections?) (?:are|is|shall be) (?:excluded|not permitted|not allowed)\b
    \bikke (?:ha )?(?:rett|adgang) til (?:å )?(?:\w+\s+){0,2}?(?:revisjon|revidere|kontroll|inspeksjon|inspisere)\w*
    \bingen (?:rett|adgang) til (?:å )?(?:\w+\s+){0,2}?(?:revisjon|revidere|kontroll|inspeksjon|inspisere)\w*
""")
# An audit right met only by the processor's own reports, certificates, questionnaires or auditor.
AUDIT_LIMITED = rx(r"""
    \b(?:fulfilled|satisfied|met|discharged|limited|restricted)\s+(?:\w+\s+){0,4}?(?:by|through|to)\b
    \bsolely (?:by|through)\b | \bonly (?:by|through) (?:providing|the provision|making available)\b
    \bin lieu of\b | \bmay instead\b | \bkan i stedet\b | \binstead of (?:an? )?(?:on-?site )?(?:audit|inspection)\b
    \b(?:appointed|selected|chosen) by the (?:processor|supplier|provider|vendor|data processor)\b
    \boppfylles (?:\w+\s+){0,3}?(?:ved|gjennom)\b | \bbegrenset til\b | \bi stedet for revisjon\b
""")
# Wording that by itself replaces the controller's own audit with something else.
AUDIT_REPLACED = rx(r"""
    \b(?:fulfilled|satisfied|discharged)\s+(?:\w+\s+){0,4}?(?:by|through)\b | \bin lieu of\b | \bmay instead\b
    \binstead of (?:an? )?(?:on-?site )?(?:audit|inspection)\b | \boppfylles (?:\w+\s+){0,3}?(?:ved|gjennom)\b
    \bkan i stedet\b | \bi stedet for revisjon\b
""")
SELF_REPORT = rx(r"""
    \breports?\b | \bcertificat\w* | \bquestionnaires?\b | \bsoc ?[12]\b | \biso ?27001\b | \bsummar\w* | \battestation\w*
    \bself-?assess\w* | \bauditor\b | \brapport\w* | \bsertifi\w* | \bspørreskjema\w* | \begenerklæring\w* | \brevisor\b
""")

# ---- breach notice (33(2)) ------------------------------------------------------------------------------------

UNDUE_DELAY = rx(r"""
    \bwithout (?:any )?undue delay\b | \bimmediately\b | \bforthwith\b | \bpromptly\b | \buten (?:ugrunnet |unødig )?opphold\b
    \butan (?:ugrunna |unødig )?opphald\b | \bstraks\b | \bumiddelbart\b | \bomgående\b | \bsnarest\b
""")
COMMERCIAL = rx(r"""
    \bcommercially reasonable\b | \breasonable (?:time|period)\b | \breasonably practicable\b | \brimelig tid\b
    \bkommersielt rimelig\w*
""")
# A time limit: a number (or a number word) and a unit; the number is read in Python.
_PERIOD = re.compile(
    r"\b(\d{1,4}|one|two|three|four|five|six|seven|ten|fourteen|thirty|en|ett|to|tre|fire|fem|seks|sju|ti|fjorten|tretti)"
    r"[\])]?\s{0,3}(?:\(\d{1,4}\)\s{0,3})?(?:business |working |calendar |virke|arbeids|kalender)?"
    r"(hours?|h|days?|weeks?|months?|timer|timar|døgn|dager|dagar|uker|veker|måneder|månader)\b"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "fourteen": 14,
    "thirty": 30, "en": 1, "ett": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "ti": 10,
    "fjorten": 14, "tretti": 30,
}  # fmt: skip
_HOURS = {"h": 1, "hour": 1, "hours": 1, "timer": 1, "timar": 1, "døgn": 24, "day": 24, "days": 24, "dager": 24}
_HOURS |= {"dagar": 24, "week": 168, "weeks": 168, "uker": 168, "veker": 168}
_HOURS |= {"month": 720, "months": 720, "måneder": 720, "månader": 720}


def longest_period_hours(lowered: str) -> int | None:
    """The longest time limit in a text, in hours ("within 30 days" is 720), or None when it names none."""
    hours = [
        int(number) * _HOURS[unit] if number.isdigit() else _NUMBER_WORDS[number] * _HOURS[unit]
        for number, unit in _PERIOD.findall(lowered[:2000])
    ]
    return max(hours) if hours else None


# ---- (g) deletion or return ------------------------------------------------------------------------------------

RETURN = rx(r"""
    \breturn\w* | \bhand (?:back|over)\b | \btilbakelever\w* | \blever\w* (?:\w+\s+){0,3}?tilbake\b | \breturner\w*
    \butlever\w* | \boverlever\w* | \bexport\w* | \bretriev\w* | \beksporter\w* | \bhente ut\b
""")

# ---- (a) instructions ------------------------------------------------------------------------------------------

OVERRIDE = rx(r"""
    \bdeviat\w* | \bdepart\w* from\b | \bdisregard\w* | \boverrid\w* | \bignor\w* | \bfravik\w* | \bavvik(?:e|er)\b
    \bsè bort fra\b | \bse bort fra\b | \bat (?:its|their) (?:own |sole )?discretion\b | \better eget skjønn\b
""")

# A sentence on third-country transfers (or disclosures): "transfers outside the EEA only on documented
# instructions" is (a)'s second half, or one kind of processing; unless it says the instructions govern all processing, "including with regard to transfers".
TRANSFER = rx(r"""
    \bthird countr\w* | \btredjeland\w* | \btredjestat\w* | \boutside (?:the )?(?:eea|eu|european) | \butenfor eøs\b
    \butanfor eøs\b | \bout of the eea\b | \but av eøs\b | \binternational organi[sz]ation\w* | \binternasjonale? organisasjon\w*
    \bdisclos\w* | \butlever\w* | overføringsgrunnlag\w* | \btransfer mechanism\w* | \bchapter v\b | \bkapittel v\b
""")
ALL_PROCESSING = rx(r"""
    \bincluding (?:with regard to |as regards |in respect of |for |on )?(?:the )?transfers?\b
    \b(?:også|herunder|inkludert) (?:når det gjelder |ved |for |om )?overføring\w*
""")
# An instruction only as the exception to another rule ("only for the purposes in Annex A ... unless the Controller
# instructs it in writing") is not the rule that all processing follows documented instructions.
INSTRUCTION_EXCEPTION = rx(r"""
    \bunless (?:the )?(?:controller|customer) (?:instructs|has instructed|directs|so instructs)\b
    \bmed mindre (?:den )?(?:behandlingsansvarlige?|kunden) (?:instruerer|gir instruks|har instruert)\b
""")
DOCUMENTED = rx(r"\bdocumented instruct\w* | \bdokumenterte? instruks\w*")

# ---- (f) assistance with Arts. 32-36 ---------------------------------------------------------------------------

BREACH_ANY = rx(r"\bbreach\w* | \bincident\w* | \bbrudd\w* | \bbrot\w* | personvernbrudd\w* | sikkerhetsbrudd\w*")
# Impact assessments and prior consultation (Arts. 35-36) anywhere in the file: a list item under a lead-in
# ("assist the controller with the following: (1) ... data protection impact assessment") carries them too.
DPIA = rx(r"""
    \bart(?:icles?|s?\.)?\s*3[56]\b | \bartikkel 3[56]\b | (?<!transfer )\bimpact assessments?\b | \bdpias?\b
    konsekvensvurdering\w* | \bprior consultation\w* | \bforhåndsdrøft\w* | \bførehandsdrøft\w*
""")
# Help with security, impact assessments or prior consultation; without it, help with a breach is Arts. 33-34 only.
BEYOND_BREACH = rx(r"""
    \bart(?:icles?|s?\.)?\s*3[256]\b | \bartikkel 3[256]\b | \bimpact assessments?\b | \bdpias?\b | konsekvensvurdering\w*
    \bprior consultation\w* | \bforhåndsdrøft\w* | \bførehandsdrøft\w* | \bsecurity of (?:the )?processing\b
    \bbehandlingssikkerhet\w* | \bsikkerheten (?:ved|i) behandlingen\b
""")

# ---- by reference ----------------------------------------------------------------------------------------------

# A document that is not part of the DPA's text: the main agreement, an order form, a cover page.
EXTERNAL = rx(r"""
    \b(?:set out|described|specified|listed|stated|detailed|defined|found)\s+(?:\w+\s+){0,2}?in (?:the )?(?:main |master |principal |underlying |service |services )?(?:agreement|contract|order form|order|cover page|statement of work|sow|terms of (?:use|service))\b
    \bon the cover page\b | \bin the order form\b
    \b(?:to|for å) (?:provide|deliver|perform|levere|yte) (?:the )?(?:services?|tjenesten\w*) (?:under|in accordance with|etter|i henhold til|i samsvar med) (?:the )?(?:service agreement|main agreement|master agreement|tjenesteavtalen|hovedavtalen)\b
    \b(?:angitt|beskrevet|spesifisert|fremgår|framgår|følger)\s+(?:\w+\s+){0,2}?(?:i|av) (?:hovedavtalen|tjenesteavtalen|avtalen om tjenesten|bestillingen|ordrebekreftelsen|tilbudet)\b
""")
_ANNEX = re.compile(
    r"\b(annex|appendix|schedule|exhibit|attachment|bilag|vedlegg)\s+([0-9]{1,2}|[ivx]{1,4}|[a-h])\b", re.IGNORECASE
)
# A table-of-contents line: nothing but a link to a clause of the same file ("- [2.2 Purpose](#22-purpose)").
POINTER_LINE = re.compile(r"\A[-*+\s\d.]{0,8}\[[^\[\]]{1,150}\]\(#[^()\s]{0,200}\)[\s.;,]{0,3}\Z")
BLANK = re.compile(
    r"\[\s*(?:●|•|\.{2,}|…|_+|x+|insert[^\]]{0,60}|tbd|n/a)?\s*\]|_{3,}|<\s*insert[^>]{0,60}>|\{\{[^}]{0,60}\}\}|●"
)

# What each preamble item is called, to find a sentence that only points to it.
PREAMBLE_NAMES: dict[str, Group] = {
    "subject_matter": rx(r"\bsubject[- ]matter\b | \bgjenstand\w*"),
    "duration": rx(r"\bduration\b | \bvarighet\w* | \bløpetid\w*"),
    "nature": rx(r"\bnature\b | \bbehandlingens art\b | \bart og formål\b"),
    "purpose": rx(r"\bpurposes?\b | \bformål\w*"),
    "data_types": rx(
        r"\b(?:types?|categor(?:y|ies)) of (?:customer |controller )?personal data\b | \b(?:typer|kategorier) (?:av )?personopplysning\w*"
    ),
    "data_subjects": rx(
        r"\bcategor(?:y|ies) of data subjects?\b | \bdata subjects\b | \b(?:kategorier|grupper) (?:av )?registrerte\b"
    ),
}


def annex_missing(lowered: str, headings: list[str]) -> str | None:
    """The annex a sentence points to when the file has no heading that starts with its name ("Annex II"), else
    None."""
    for match in _ANNEX.finditer(lowered[:2000]):
        name = f"{match.group(1)} {match.group(2)}"
        if not any(h.startswith(name) or h.lstrip("#*0-9. ").startswith(name) for h in headings):
            return match.group(0)
    return None


def points_elsewhere(lowered: str, headings: list[str]) -> str | None:
    """Why a sentence only points to the content (an annex not in the file, another document), or None."""
    missing = annex_missing(lowered, headings)
    if missing and (REFERENCE_ONLY.search_text(lowered) or _points(lowered)):
        return f"only refers to {missing.title()}, which is not in the file"
    if EXTERNAL.search_text(lowered):
        return "only refers to another document (the main agreement, order form or cover page), not in the file"
    return None


_POINTER = re.compile(
    r"\b(?:in|under|i|see|se|jf\.?|cf\.?|per)\s+(?:the\s+)?(?:annex|appendix|schedule|exhibit|bilag|vedlegg)\b"
)


def _points(lowered: str) -> bool:
    return bool(_POINTER.search(lowered[:2000]))


def mentions_subprocessors(lowered: str) -> bool:
    return SUBPROCESSOR.search_text(lowered)


# "under clause 5.1", "section C.2", "punkt 5.1": a clause of this file named by its number. "Clause 14 of the
# standard contractual clauses" is another document's.
_CLAUSE_REF = re.compile(
    r"\b(?:clauses?|sections?|punkt|pkt\.?|paragraph|avsnitt)\s{1,3}((?:[a-h]\.)?\d{1,2}(?:\.\d{1,2}){0,3})\b"
    r"(?!\s{1,3}(?:of|in|i|til) (?:the )?(?:standard|scc|eu|gdpr|regulation|forordningen|personvern|standardkontrakt))"
)
_NUMBER = re.compile(r"(?:[a-h]\.)?\d{1,2}(?:\.\d{1,2}){0,3}")


def numbering(evidences: list[str]) -> frozenset[str]:
    """The numbers the file's paragraphs and headings start with ("5.1", "c.2"), lower case."""
    found = set()
    for evidence in evidences:
        head = evidence[:16].lower().split(" ", 1)[0].rstrip(".")
        if _NUMBER.fullmatch(head):
            found.add(head)
    return frozenset(found)


def clause_missing(lowered: str, numbers: frozenset[str]) -> str | None:
    """The clause a sentence points to ("clause 5.1") when the file numbers its paragraphs that way but has no
    such clause, else None. A file whose numbering did not survive (automatic numbering) is given the benefit."""
    for match in _CLAUSE_REF.finditer(lowered[:2000]):
        ref = match.group(1)
        shape = _shape(ref)
        if not any(_shape(n) == shape for n in numbers):
            continue
        if not any(n == ref or n.startswith(ref + ".") for n in numbers):
            return match.group(0)
    return None


def _shape(number: str) -> tuple[bool, int]:
    return number[:1].isalpha(), number.count(".")
