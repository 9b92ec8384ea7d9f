"""Checks any DPA (ours or a partner's, English or Norwegian) for the content GDPR Art. 28 requires."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from agreements import check_patterns as preamble
from agreements import check_patterns_duties as duties
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
    """Whether a DPA covers `element`, with the sentence (or table row) that shows it."""

    element: Element
    evidence: str | None

    @property
    def present(self) -> bool:
        return self.evidence is not None


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
    results = []
    for element in ELEMENTS:
        vocabulary = VOCABULARY[element.key]
        best: tuple[int, int, tuple[Group, ...]] | None = None  # (score, -position, the groups found)
        for position in sorted(labelled.get(element.key, set()) | _candidates(index, vocabulary)):
            score, groups = _score(units[position], element.key, vocabulary, index, position)
            if score and (best is None or (score, -position) > best[:2]):
                best = (score, -position, groups)
        results.append(Result(element, _trim(units[-best[1]].evidence, best[2]) if best else None))
    return results


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
