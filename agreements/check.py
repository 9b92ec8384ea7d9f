"""Checks any DPA (ours or a partner's, English or Norwegian) for the content GDPR Art. 28 requires."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from agreements import check_patterns as preamble
from agreements import check_patterns_duties as duties
from agreements import check_verdict as verdicts
from agreements.check_match import Group, Index, Vocabulary
from agreements.check_read import PLACEHOLDER_IN_TEXT, Unit, has_value
from agreements.check_read import units as read_units
from registry.errors import InputError
from text import files
from text.limits import FileRefused


@dataclass(frozen=True)
class Element:
    """One thing Art. 28 requires a processor contract to say."""

    key: str
    label: str
    label_nb: str
    reference: str


@dataclass(frozen=True)
class Result:
    """How a DPA covers `element`: `verdict` is one of check_verdict.VERDICTS (present, weak, by-reference,
    missing), `evidence` the sentence (or table row) it rests on, `why` what a weak, by-reference or missing
    verdict lacks, in words a DPO can send to the partner."""

    element: Element
    evidence: str | None
    verdict: str = ""
    why: str = ""

    def __post_init__(self) -> None:
        if not self.verdict:  # built from evidence alone: present when there is some
            object.__setattr__(self, "verdict", verdicts.PRESENT if self.evidence is not None else verdicts.MISSING)

    @property
    def present(self) -> bool:
        """Fully present: not weak, not only by reference."""
        return self.verdict == verdicts.PRESENT

    @property
    def quote(self) -> str | None:
        return self.evidence


ELEMENTS: tuple[Element, ...] = (
    Element("subject_matter", "Subject-matter of the processing", "Behandlingens gjenstand", "GDPR Art. 28(3)"),
    Element("duration", "Duration of the processing", "Behandlingens varighet", "GDPR Art. 28(3)"),
    Element("nature", "Nature of the processing", "Behandlingens art", "GDPR Art. 28(3)"),
    Element("purpose", "Purpose of the processing", "Behandlingens formål", "GDPR Art. 28(3)"),
    Element("data_types", "Type of personal data", "Typer personopplysninger", "GDPR Art. 28(3)"),
    Element("data_subjects", "Categories of data subjects", "Kategorier registrerte", "GDPR Art. 28(3)"),
    Element(
        "controller_rights",
        "Obligations and rights of the controller",
        "Den behandlingsansvarliges plikter og rettigheter",
        "GDPR Art. 28(3)",
    ),
    Element(
        "instructions",
        "(a) Processing only on documented instructions, including on transfers to third countries",
        "(a) Behandling kun etter dokumenterte instrukser, også om overføring til tredjeland",
        "GDPR Art. 28(3)(a)",
    ),
    Element(
        "confidentiality",
        "(b) Confidentiality of the persons who process the data",
        "(b) Taushetsplikt for dem som behandler opplysningene",
        "GDPR Art. 28(3)(b)",
    ),
    Element(
        "security",
        "(c) Security measures (Art. 32)",
        "(c) Sikkerhetstiltak (art. 32)",
        "GDPR Art. 28(3)(c), Art. 32",
    ),
    Element(
        "subprocessors",
        "(d) Sub-processors only with prior specific or general written authorisation; notice and objection",
        "(d) Underdatabehandlere bare med forhåndsgodkjenning (spesifikk eller generell); varsel og innsigelse",
        "GDPR Art. 28(3)(d), 28(2)",
    ),
    Element(
        "flow_down",
        "Same obligations on sub-processors; the processor remains liable",
        "Samme forpliktelser for underdatabehandlere; databehandleren forblir ansvarlig",
        "GDPR Art. 28(4)",
    ),
    Element(
        "data_subject_requests",
        "(e) Assistance with data subject requests",
        "(e) Bistand med de registrertes rettigheter",
        "GDPR Art. 28(3)(e)",
    ),
    Element(
        "assistance",
        "(f) Assistance with security, breach notification, DPIA and prior consultation (Arts. 32-36)",
        "(f) Bistand med sikkerhet, avviksvarsling, konsekvensvurdering og forhåndsdrøfting (art. 32-36)",
        "GDPR Art. 28(3)(f)",
    ),
    Element(
        "deletion_return",
        "(g) Deletion or return of the data at the end, at the controller's choice",
        "(g) Sletting eller tilbakelevering ved opphør, etter den behandlingsansvarliges valg",
        "GDPR Art. 28(3)(g)",
    ),
    Element(
        "audits",
        "(h) Information to demonstrate compliance; audits and inspections",
        "(h) Informasjon som viser etterlevelse; revisjoner og inspeksjoner",
        "GDPR Art. 28(3)(h)",
    ),
    Element(
        "unlawful_instruction",
        "Informing the controller if an instruction infringes the law",
        "Varsel til den behandlingsansvarlige om en instruks er i strid med regelverket",
        "GDPR Art. 28(3) last subparagraph",
    ),
    Element(
        "breach",
        "Notification of personal data breaches to the controller",
        "Varsling av brudd på personopplysningssikkerheten til den behandlingsansvarlige",
        "GDPR Art. 33(2)",
    ),
)

VOCABULARY: dict[str, Vocabulary] = {
    "subject_matter": preamble.SUBJECT_MATTER,
    "duration": preamble.DURATION,
    "nature": preamble.NATURE,
    "purpose": preamble.PURPOSE,
    "data_types": preamble.DATA_TYPES,
    "data_subjects": preamble.DATA_SUBJECTS,
    "controller_rights": preamble.CONTROLLER_RIGHTS,
    "instructions": duties.INSTRUCTIONS,
    "confidentiality": duties.CONFIDENTIALITY,
    "security": duties.SECURITY,
    "subprocessors": duties.SUBPROCESSORS,
    "flow_down": duties.FLOW_DOWN,
    "data_subject_requests": duties.DATA_SUBJECT_REQUESTS,
    "assistance": duties.ASSISTANCE,
    "deletion_return": duties.DELETION_RETURN,
    "audits": duties.AUDITS,
    "unlawful_instruction": duties.UNLAWFUL_INSTRUCTION,
    "breach": duties.BREACH,
}
EVIDENCE_MAX = 300
# A label row is the most specific evidence of a preamble item: the row is the description itself.
_LABEL_SCORE = 10
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


KINDS = (files.DOCX, files.PLAIN)
ACCEPTED = files.accepted(KINDS)


def document_text(content: bytes, name: str) -> str:
    """The text of a DPA file, .docx or plain text: paragraphs and table rows in order, one a line."""
    try:
        return files.document_text(content, name, KINDS)
    except FileRefused as exc:
        raise InputError(exc.problem, value=name, accepted=exc.accepted) from exc


def check_document(content: bytes, name: str) -> list[Result]:
    """One Result per element of ELEMENTS, in order, for a .docx or plain-text file."""
    return check_text(document_text(content, name))


def check_text(text: str) -> list[Result]:
    """One Result per element of ELEMENTS, in order: the sentence that best satisfies it, or None. InputError
    when the text has no letter or digit."""
    if not _LETTER_OR_DIGIT.search(text):
        raise InputError("The document has no text (no letter or digit)", accepted=ACCEPTED)
    units = read_units(text, _label_names)
    index = Index([unit.text for unit in units])
    labelled: dict[str, set[int]] = {}  # element -> the rows whose label names it
    for position, unit in enumerate(units):
        for key in unit.names:
            labelled.setdefault(key, set()).add(position)
    headings = [unit.evidence.lower() for unit in units if len(unit.evidence) <= 120]
    numbers = verdicts.numbering([unit.evidence for unit in units])
    results = []
    for element in ELEMENTS:
        vocabulary = VOCABULARY[element.key]
        scored: list[tuple[int, int, tuple[Group, ...]]] = []  # (-score, position, the groups found), best first
        for position in sorted(labelled.get(element.key, set()) | _candidates(index, vocabulary)):
            score, groups = _score(units[position], element.key, vocabulary, index, position)
            if score:
                scored.append((-score, position, groups))
        scored.sort(key=lambda c: c[:2])
        blank = any(not units[p].filled for p in labelled.get(element.key, ())) or any(
            verdicts.BLANK.search(units[p].text) for p in labelled.get(element.key, ())
        )
        found = _judge(element.key, [(p, g) for _, p, g in scored], units, index, headings, blank, numbers)
        verdict, position, groups, why = found
        evidence = None if position is None else _trim(units[position].evidence, groups)
        results.append(Result(element, evidence, verdict, why))
    return results


Candidate = tuple[int, tuple[Group, ...]]  # a sentence's position, and the groups of the rule it satisfies


def _judge(
    key: str,
    found: list[Candidate],
    units: list[Unit],
    index: Index,
    headings: list[str],
    blank: bool,
    numbers: frozenset[str] = frozenset(),
) -> tuple[str, int | None, tuple[Group, ...], str]:
    """The verdict on one element from the sentences that satisfy its rules (best first): (verdict, the sentence
    quoted, the groups found in it, why)."""
    v = verdicts
    low = index.lowered

    def has(group: Group, position: int) -> bool:
        return group.search_text(low[position])

    def refused(position: int) -> bool:
        if v.POINTER_LINE.match(units[position].evidence):  # a table-of-contents link names a clause, not states it
            return True
        if key in v.PREAMBLE or key == "controller_rights":
            return False
        if has(v.WAIVED, position):
            return True
        if key == "subprocessors":
            return has(v.SUB_FREELY, position) and not has(v.NOT_WORD, position)
        if key == "audits":
            return has(v.NO_AUDIT, position)
        return False

    kept = [c for c in found if not refused(c[0])]
    negated = len(kept) < len(found)
    if key in v.PREAMBLE:
        return _judge_preamble(key, kept, units, index, headings, blank)
    if not kept:
        why = "the only clause on it says the opposite (the duty is excluded or waived)" if negated else ""
        if key == "subprocessors" and negated:
            why = "the processor may engage sub-processors without the controller's authorisation or notice"
        elif key == "audits" and negated:
            why = "the controller's right to audit is excluded"
        return v.MISSING, None, (), why
    # A sentence that rests on a clause no longer in the file ("if it has informed the Controller under clause
    # 5.1") only points to the duty.
    pointing = {p: ref for p, _ in kept if (ref := v.clause_missing(low[p], numbers))}
    if len(pointing) == len(kept):
        p, groups = kept[0]
        return v.BY_REFERENCE, p, groups, f"only refers to {pointing[p]}, which is not in the file"
    kept = [c for c in kept if c[0] not in pointing]
    best = kept[0]
    texts = [low[p] for p, _ in kept]
    if key == "instructions":
        kept = [c for c in kept if has(v.DOCUMENTED, c[0]) or not has(v.INSTRUCTION_EXCEPTION, c[0])] or kept
        best = kept[0]
        general = [c for c in kept if not has(v.TRANSFER, c[0]) or has(v.ALL_PROCESSING, c[0])]
        if not general:
            why = "documented instructions only for transfers outside the EEA or disclosures, not for all processing"
            return v.WEAK, best[0], best[1], why
        best = general[0]
        for p in index.candidates(preamble.INSTRUCTION):
            if has(v.OVERRIDE, p) and not has(v.NOT_WORD, p) and preamble.INSTRUCTION.search_text(low[p]):
                return v.WEAK, p, (), "the processor may deviate from or override the controller's instructions"
    elif key == "subprocessors":
        if negated:
            return (
                v.WEAK,
                best[0],
                best[1],
                "another clause lets the processor engage sub-processors without telling the controller",
            )
        general = any(v.GENERAL.search_text(t) for t in texts) or not any(v.AUTHORISE.search_text(t) for t in texts)
        if not general and not any(v.CONDITION.search_text(t) for t in texts):
            why = "approves sub-processors, but sets no condition (authorisation) for engaging others (Art. 28(2))"
            return v.WEAK, best[0], best[1], why
        if general:
            # The notice and the objection are often sentences of their own in the same clause ("The Controller
            # may object in writing within that period."): read the sentences around each sub-processor clause.
            near = {q for p, _ in kept for q in range(max(0, p - 3), min(len(low), p + 4))}
            lacks = [
                what
                for what, group in (("notice of new sub-processors", v.NOTICE), ("a right to object", v.OBJECT))
                if not any(group.search_text(low[q]) for q in near)
            ]
            if lacks:
                return v.WEAK, best[0], best[1], "general authorisation without " + " or ".join(lacks) + " (Art. 28(2))"
    elif key == "flow_down":
        same = [
            c
            for c in kept
            if not has(v.SIMILAR, c[0]) and (has(duties.SAME_OBLIGATIONS, c[0]) or has(duties.LIABLE, c[0]))
        ]
        if not same:
            return v.WEAK, best[0], best[1], "sub-processors get similar, not the same, obligations (Art. 28(4))"
        best = same[0]
    elif key == "audits":
        audit = [c for c in kept if all(index.search(g, c[0]) for g in duties.AUDITS.rules[0].groups)]
        info = [c for c in kept if all(index.search(g, c[0]) for g in duties.AUDITS.rules[1].groups)]
        limited = [
            c for c in audit if has(v.AUDIT_REPLACED, c[0]) or (has(v.AUDIT_LIMITED, c[0]) and has(v.SELF_REPORT, c[0]))
        ]
        full = [c for c in audit if c not in limited]
        full.sort(key=lambda c: not has(v.INSPECTION, c[0]))  # quote the clause that grants the audit itself
        if limited:
            return (
                v.WEAK,
                limited[0][0],
                limited[0][1],
                "audits limited to, or replaced by, the processor's own reports, certificates, questionnaires or auditor",
            )
        if not full:
            return v.WEAK, best[0], best[1], "information only: no right to audits, including inspections"
        if not info:
            return (
                v.WEAK,
                full[0][0],
                full[0][1],
                "audits, but no duty to make available all information needed to demonstrate compliance",
            )
    elif key == "assistance":
        only_breach = all(has(v.BREACH_ANY, p) and not has(v.BEYOND_BREACH, p) for p, _ in kept)
        if only_breach and not index.candidates(v.DPIA) & {q for q in range(len(low)) if has(v.DPIA, q)}:
            why = "help with personal data breaches only, not with security, impact assessments or prior consultation"
            return v.WEAK, best[0], best[1], why + " (Arts. 32, 35, 36)"
    elif key == "deletion_return":
        if not any(v.RETURN.search_text(t) for t in texts):
            no_limit = not any(verdicts.longest_period_hours(t) for t in texts)
            why = "deletion only, no option for the controller to have the data returned"
            return v.WEAK, best[0], best[1], why + (", and no time limit" if no_limit else "")
    elif key == "breach":
        # Any clause that lets the notice come later than 72 hours, or only on commercially reasonable efforts,
        # keeps the whole duty below Art. 33(2), whatever else the text promises.
        for p, groups in kept:
            # A table row (a retention schedule, say) lists periods for other things than the notice.
            hours = None if " | " in units[p].text else v.longest_period_hours(low[p])
            if hours is not None and hours > 72:
                why = f"notice only within {_period_words(hours)}, later than without undue delay / 72 hours (Art. 33)"
                return v.WEAK, p, groups, why
            if v.COMMERCIAL.search_text(low[p]) and not v.UNDUE_DELAY.search_text(low[p]):
                return v.WEAK, p, groups, "only commercially reasonable efforts, not without undue delay (Art. 33(2))"
        on_time = [c for c in kept if has(v.UNDUE_DELAY, c[0]) or v.longest_period_hours(low[c[0]])]
        if not on_time:
            return v.WEAK, best[0], best[1], "no time limit: the law asks for notice without undue delay (Art. 33(2))"
        best = on_time[0]
    return v.PRESENT, best[0], best[1], ""


def _period_words(hours: int) -> str:
    return f"{hours // 24} days" if hours % 24 == 0 else f"{hours} hours"


def _judge_preamble(
    key: str, kept: list[Candidate], units: list[Unit], index: Index, headings: list[str], blank: bool
) -> tuple[str, int | None, tuple[Group, ...], str]:
    """A preamble item is present when the file states it; by reference when it only points to an annex or
    document that is not in the file, or leaves a template field blank."""
    v = verdicts
    refs = []
    for p, groups in kept:
        if v.BLANK.search(units[p].text):  # "Duration: ____", "Purpose: [insert]"
            refs.append((p, groups, "a blank template field"))
            continue
        why = v.points_elsewhere(index.lowered[p], headings)
        if why is None:
            return v.PRESENT, p, groups, ""
        refs.append((p, groups, why))
    if refs:
        return v.BY_REFERENCE, refs[0][0], refs[0][1], refs[0][2]
    name = v.PREAMBLE_NAMES[key]
    pointers = sorted(index.candidates(name))
    for p in pointers:
        if units[p].heading or not name.search_text(index.lowered[p]):
            continue
        if v.BLANK.search(units[p].text):
            return v.BY_REFERENCE, p, (name,), "a blank template field"
        why = v.points_elsewhere(index.lowered[p], headings)
        if why:
            return v.BY_REFERENCE, p, (name,), why
    if blank:
        return v.BY_REFERENCE, None, (), "a blank template field"
    return v.MISSING, None, (), ""


def _candidates(index: Index, vocabulary: Vocabulary) -> set[int]:
    """The sentences that may satisfy one of the rules: those with a stem of each of its groups (set operations
    only; the patterns run on these alone)."""
    out: set[int] = set()
    for rule in vocabulary.rules:
        out |= set.intersection(*(index.candidates(group) for group in rule.groups))
    return out


def _score(unit: Unit, key: str, vocabulary: Vocabulary, index: Index, position: int) -> tuple[int, tuple[Group, ...]]:
    """How specifically the unit satisfies the element (0 when it does not, else the number of groups found),
    and the groups of the rule it satisfies."""
    if key in unit.names:
        return (_LABEL_SCORE if unit.filled else 0), ()
    if unit.heading:
        return 0, ()
    # A preamble item announced by a lead-in ("These types of personal data are processed:") is stated by the
    # items that follow it, not by the lead-in itself; one left as a placeholder ("[insert purpose]") is not stated.
    if vocabulary.label is not None and (
        unit.evidence.endswith(":")
        or (unit.listed and not has_value(unit.evidence))
        or PLACEHOLDER_IN_TEXT.search(unit.text)
    ):
        return 0, ()
    best, found = 0, ()
    for rule in vocabulary.rules:
        if (
            len(rule.groups) > best
            and all(index.search(group, position) for group in rule.groups)
            and not (rule.unless and index.search(rule.unless, position))
        ):
            best, found = len(rule.groups), rule.groups
    # The exclusions are read last: most sentences have already failed the rules.
    if not best or (vocabulary.unless and index.search(vocabulary.unless, position)):
        return 0, ()
    return best + sum(1 for group in vocabulary.bonus if index.search(group, position)), found


# Starting at a run of blanks, not inside it: from inside, every blank rescanned the rest of the run.
_PARTS = re.compile(r"(?<!\s)\s*(?:,|/|&|\band\b|\bog\b)\s*")
# Bounded (labels are at most 80 characters): unbounded, every "(" of a long run rescanned the rest of it.
_LABEL_NOISE = re.compile(r"\([^)]{0,80}\)|^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|\([a-z]\))\s")


@functools.lru_cache(maxsize=4096)
def _label_names(label: str) -> frozenset[str]:
    """The elements a label names: it, or one of its parts ("Formål og art"), is one of their labels."""
    if len(label) > 80:
        return frozenset()
    cleaned = " ".join(_LABEL_NOISE.sub(" ", label.lower()).strip(" :.-–*").split())
    parts = [cleaned, *(part for part in _PARTS.split(cleaned) if part and part != cleaned)]
    return frozenset(
        key for key, v in VOCABULARY.items() if v.label is not None and any(v.label.fullmatch(p) for p in parts)
    )


def _trim(evidence: str, groups: tuple[Group, ...]) -> str:
    """The evidence cut to EVIDENCE_MAX characters around what the groups found in it, "…" where it was cut."""
    if len(evidence) <= EVIDENCE_MAX:
        return evidence
    (low, high), rarest = _closest(evidence.lower(), groups)
    room = EVIDENCE_MAX - 2  # for the two "…"
    if high - low <= room:  # all of it, centred
        start = max(0, min(low - (room - (high - low)) // 2, len(evidence) - room))
    else:  # as much as fits, from the rarest group's match (rules list their groups rarest first)
        start = low
        if rarest[1] == high:
            word_end = evidence.find(" ", high)
            start = max(0, (len(evidence) if word_end < 0 else word_end) - room)
    end = start + room
    if start > 0 and evidence[start - 1] != " ":
        start = evidence.find(" ", start) + 1 or start
    if end < len(evidence) and evidence[end] != " " and " " in evidence[start:end]:
        end = evidence.rfind(" ", start, end)
    return ("…" if start > 0 else "") + evidence[start:end].strip(" ,;:") + ("…" if end < len(evidence) else "")


def _closest(lowered: str, groups: tuple[Group, ...]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The shortest stretch of text with a match of every group found in it, and the first group's match there
    (the start of the text, when none is found)."""
    found = [spans[:4] for group in groups if (spans := group.spans(lowered))]
    if not found:
        return (0, 0), (0, 0)
    combo = min(itertools.product(*found), key=lambda c: max(e for _, e in c) - min(s for s, _ in c))
    return (min(s for s, _ in combo), max(e for _, e in combo)), combo[0]
