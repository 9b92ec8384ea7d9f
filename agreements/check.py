"""Checks any DPA (ours or a partner's, English or Norwegian) for the content GDPR Art. 28 requires."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from agreements import check_patterns as preamble
from agreements import check_patterns_duties as duties
from agreements.check_files import ACCEPTED, document_text
from agreements.check_match import Group, Index, Vocabulary
from agreements.check_patterns import HEADING_MAX_WORDS, LABEL_VALUE_UNLESS
from registry.errors import InputError


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
# Past this a "sentence" is a run of text without stops (an extracted PDF, a pasted table): it is read in
# overlapping windows, so that words far apart cannot add up to an element.
_WINDOW = 600
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def check_document(content: bytes, name: str) -> list[Result]:
    """One Result per element of ELEMENTS, in order, for a .docx or plain-text file."""
    return check_text(document_text(content, name))


def check_text(text: str) -> list[Result]:
    """One Result per element of ELEMENTS, in order: the sentence that best satisfies it, or None. InputError
    when the text has no letter or digit."""
    if not _LETTER_OR_DIGIT.search(text):
        raise InputError("The document has no text (no letter or digit)", accepted=ACCEPTED)
    units = _units(_normalise(text))
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


class _Unit(NamedTuple):
    """A sentence, a table row or a "Label: value" line. `text` is what the rules match: a list item carries its
    lead-in ("The processor shall:"), a labelled row only its value. `names` are the preamble elements the
    label of a row names; `filled` says whether its value is a real one."""

    text: str
    evidence: str
    names: frozenset[str] = frozenset()
    filled: bool = False
    heading: bool = False
    listed: bool = False  # a list item, read with its lead-in


def _score(unit: _Unit, key: str, vocabulary: Vocabulary, index: Index, position: int) -> tuple[int, tuple[Group, ...]]:
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
        or (unit.listed and not _has_value(unit.evidence))
        or _PLACEHOLDER_IN_TEXT.search(unit.text)
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


def _labelled(label: str, value: str, evidence: str) -> _Unit | None:
    """The unit of a row or line whose label names a preamble element ("Varighet | Så lenge ..."), if it does."""
    names = _label_names(label)
    if not names:
        return None
    filled = _has_value(value) and not LABEL_VALUE_UNLESS.search_text(value.lower())
    return _Unit(value, evidence, names=names, filled=filled)


_PARTS = re.compile(r"\s*(?:,|/|&|\band\b|\bog\b)\s*")
_LABEL_NOISE = re.compile(r"\([^)]*\)|^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|\([a-z]\))\s")


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


_PLACEHOLDER_IN_TEXT = re.compile(r"\{\{.*?\}\}|\[[^\]]{0,40}\]|_{3,}|●")
_PLACEHOLDER = re.compile(r"\[.*\]|\{\{.*\}\}|<.*>|(?i:tbd|tba|n/?a|x+|\.+|…)")
_ALNUM = re.compile(r"\w")


def _has_value(value: str) -> bool:
    """Whether a row holds a value, not an unfilled placeholder ("–", "[...]", "{{purpose}}", "TBD")."""
    value = value.strip()
    return not _PLACEHOLDER.fullmatch(value) and len(_ALNUM.findall(value, 0, 40)) >= 2


# ---- Reading text into sentences -----------------------------------------------------------------------------

# Soft hyphens and zero-width characters go; Unicode hyphens become "-"; every kind of space becomes " ", except
# tabs, which separate a label from its value ("Varighet<tab>Så lenge ...") or a clause number from its text.
_REPLACEMENTS = [
    ("\u00ad\u200b\ufeff", ""),
    ("\u2010\u2011", "-"),
    ("\u00a0\u2007\u2009\u202f\u2002\u2003\u200a", " "),
    ("\r\v\f", "\n"),
]
_SPACES = re.compile("  +")


def _normalise(text: str) -> str:
    """One paragraph a line, single spaces, no empty lines."""
    # NFKC: also undoes the ligatures ("ﬁ") and full-width letters of text copied from a PDF.
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n")
    for characters, replacement in _REPLACEMENTS:
        for character in characters:
            if character in text:  # rare: a scan for one character is far cheaper than a substitution
                text = text.replace(character, replacement)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if "\t" in text:
        text = "\n".join(_tabs(line) if "\t" in line else line for line in text.split("\n"))
    return "\n".join(_unwrapped(line for line in (raw.strip() for raw in text.split("\n")) if line))


# A line ending in one of these words stops mid-sentence ("shall be notified to the\nController"); "and" is left
# out, as list items end with it.
_OPEN_END = re.compile(
    r"\s(?:the|a|an|to|of|in|on|by|for|with|that|shall|may|av|til|i|på|med|for|som|at|skal|kan|om|den|det|de)$"
)


def _unwrapped(lines: Iterable[str]) -> Iterator[str]:
    """Lines of a hard-wrapped text joined back into paragraphs: a line that does not end a sentence is continued
    by a next line that starts in lower case ("the processor shall\nnotify the controller")."""
    paragraph = ""
    for line in lines:
        if (
            paragraph
            and paragraph[-1] not in ".!?:;,|"
            and (line[0].islower() or _OPEN_END.search(paragraph))
            and not _LIST_MARKER.match(line)
            and " | " not in line
        ):
            paragraph = paragraph[:-1] + line if paragraph[-1] == "-" else paragraph + " " + line
            continue
        if paragraph:
            yield paragraph
        paragraph = line
    if paragraph:
        yield paragraph


def _tabs(line: str) -> str:
    """A line with tabs as a row of cells ("Varighet | Så lenge ..."), or as text when the first cell is a clause
    number, a list marker or a label with its colon ("4.1<tab>The Processor shall ...", "Formål:<tab>...")."""
    cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    first = cells[0] if cells else ""
    if len(cells) < 2 or first.endswith(":") or _NUMBER.fullmatch(first.lower()) or _LIST_MARKER.match(first + " "):
        return " ".join(cells)
    return " | ".join(cells)


# Abbreviations after which a full stop does not end a sentence ("jf. art. 28 nr. 3", "e.g. Microsoft").
_ABBREVIATIONS = frozenset(
    """art arts nr no nos pkt para paras sec secs cf ref jf jfr f.eks e.g i.e bl.a dvs osv mv m.v evt ev iht ift ca
    inkl ekskl incl excl vs mr ms mrs dr st kap lit bokst ltd inc co p pp vol fig tlf tel org.nr orgnr""".split()
)
_STOP = re.compile(r"[.!?;]+[\"'”’»)\]]*\s+")
# A clause number or list letter at the start of a paragraph ("4.", "B1.", "iv."): its full stop ends nothing.
_NUMBER = re.compile(r"(?:[a-z]{0,2}\d+(?:\.\d+)*|[a-z]|[ivx]+)\.?")
_LIST_MARKER = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]+\)|\(?\d+\)|[-•*–·▪◦])\s+")
_CLAUSE_NUMBER = re.compile(
    r"^(?:(?:clause|section|punkt|pkt\.?|art\.?|article|artikkel)\s+)?\d+(?:\.\d+)*\.?\s+", re.I
)
_CONTINUED = re.compile(r"(?:[;,]|\b(?:and|or|og|eller))$")
_LABEL_VALUE = re.compile(r"^([^:|]{2,60}):\s+(\S.*)$")


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    lead = previous = ""  # the lead-in ("The processor shall:") that the list items after it continue
    for line in text.split("\n"):
        if " | " in line or line.startswith("|"):
            units.extend(_row(line))
            lead = previous = ""
            continue
        # A list goes on while its items are marked, start in lower case, or the last one ended with ";" or "and".
        if (
            lead
            and previous != lead
            and not (_LIST_MARKER.match(line) or line[:1].islower() or _CONTINUED.search(previous))
        ):
            lead = ""
        previous = line
        label_value = _LABEL_VALUE.match(line) if ": " in line else None
        labelled = label_value and _labelled(label_value.group(1), label_value.group(2), line)
        if labelled:
            units.append(labelled)
            continue
        context, heading = (lead + " ", False) if lead else ("", _is_heading(line))
        for sentence in _sentences(line):
            for window in _windows(sentence):
                units.append(_Unit(context + window, window, heading=heading, listed=bool(lead)))
        if line.endswith(":") and len(line) < 300:
            lead = previous = line
    return units


_RULE_CELL = re.compile(r":?-*:?")


def _row(line: str) -> list[_Unit]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if all(_RULE_CELL.fullmatch(c) for c in cells):
        return []  # a markdown rule line, or no cells
    text = " | ".join(c for c in cells if c)
    if len(cells) > 1 and (labelled := _labelled(cells[0], " | ".join(c for c in cells[1:] if c), text)):
        return [labelled]
    return [_Unit(window, window) for window in _windows(text)]


def _sentences(line: str) -> list[str]:
    out, start = [], 0
    for stop in _STOP.finditer(line):
        end = stop.end()
        if line[stop.start()] == ".":
            before = line[start : stop.start()]
            space = before.rfind(" ")
            word = before[space + 1 :].lower()
            # A full stop after an abbreviation, an initial, or a clause number at the start ("4. The") stays.
            if word.rstrip(".") in _ABBREVIATIONS or len(word) == 1 or (space < 0 and _NUMBER.fullmatch(word)):
                continue
            following = line[end : end + 1]
            if not (following.isupper() or following.isdigit() or following in "(\"'«“‘"):
                continue
        out.append(line[start:end])
        start = end
    out.append(line[start:])
    # A clause cut at a semicolon is shown without it.
    return [s for s in (piece.strip().rstrip(";").rstrip() for piece in out) if s]


def _windows(sentence: str) -> list[str]:
    """A sentence longer than _WINDOW characters as windows of about that length, each starting a third of a
    window after the last: words up to 400 characters apart share a window."""
    if len(sentence) <= _WINDOW:
        return [sentence]
    words, out, i = sentence.split(" "), [], 0
    while i < len(words):
        j, length = i, 0
        while j < len(words) and length < _WINDOW:
            length += len(words[j]) + 1
            j += 1
        out.append(" ".join(words[i:j]))
        if j >= len(words):
            break
        i = max(i + 1, i + (j - i) // 3)  # windows overlap by two thirds
    return out


def _is_heading(line: str) -> bool:
    """A short paragraph that does not end as a sentence does: it names a clause, it does not make it."""
    if line[-1:] in ".!?;:,":
        return False
    return len(_CLAUSE_NUMBER.sub("", line).split()) <= HEADING_MAX_WORDS


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
